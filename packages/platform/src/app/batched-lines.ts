import type { DestinationStream } from 'pino';
import type { SonicBoom } from 'sonic-boom';

/** EXPERIMENT: lines gathered in an array, joined once per batch and handed to sonic-boom. */
export class BatchedLines implements DestinationStream {
  private lines: string[] = [];
  private size = 0;

  constructor(
    private readonly out: SonicBoom,
    private readonly maxChars = 16_384,
    flushMs = 200,
  ) {
    setInterval(() => this.flush(), flushMs).unref();
    process.once('exit', () => {
      this.flush();
      this.out.flushSync();
    });
  }

  write(line: string): void {
    this.lines.push(line);
    this.size += line.length;
    if (this.size >= this.maxChars) this.flush();
  }

  flush(): void {
    if (this.size === 0) return;
    const text = this.lines.join('');
    this.lines = [];
    this.size = 0;
    this.out.write(text);
  }
}
