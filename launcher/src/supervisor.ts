import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { LauncherError } from './errors.js';
import type { LogSink } from './child-logs.js';

export interface ChildSpec {
  name: string;
  /** Script path relative to `cwd`, run as `node --conditions=source --import tsx <entry>`. */
  entry: string;
  args?: string[];
  /** Extra node flags, before the entry (e.g. `--cpu-prof` for bench/profile.ts). */
  nodeArgs?: string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
}

export interface SupervisorOptions {
  log: LogSink;
  /**
   * The child's stdout and stderr are appended straight to this file instead of passing through
   * `log`: this process reads none of it (benchmarks, where reading every request line would cost
   * the load generator's CPU). A failure still quotes the child's last lines, from the file.
   */
  logFile?: string;
  /** Launcher notices (restarts, give-ups), as opposed to the child's own lines. */
  notice: (message: string, level: 'info' | 'error') => void;
  readyTimeoutMs?: number;
  stopTimeoutMs?: number;
  /** Crash loop: this many crashes within `crashWindowMs` and the child is given up. */
  maxCrashes?: number;
  crashWindowMs?: number;
  /** First restart delay; doubles with each recent crash, capped at 15 s. */
  backoffMs?: number;
}

const TAIL_LINES = 15;

/**
 * One service as a child process: started and awaited until it reports `ready` over
 * IPC, restarted with exponential backoff when it crashes (on the same port, since its
 * env is fixed), given up loudly in a crash loop, and stopped with SIGTERM then SIGKILL.
 */
export class SupervisedChild {
  url: string | undefined;
  gaveUp = false;
  /** Listening and ready: between its `ready` message and its exit. */
  running = false;
  private child: ChildProcess | undefined;
  private stopping = false;
  private crashes: number[] = [];
  private restartTimer: NodeJS.Timeout | undefined;
  private readonly tail: string[] = [];
  private waiters: { resolve: (url: string) => void; reject: (error: Error) => void }[] = [];

  constructor(
    private readonly spec: ChildSpec,
    private readonly options: SupervisorOptions,
  ) {}

  /** Resolves with the service URL once it listens; rejects with its last lines if it exits first. */
  start(): Promise<string> {
    if (this.child && this.child.exitCode === null && this.child.signalCode === null) {
      return Promise.reject(new LauncherError(`${this.spec.name} is already running.`));
    }
    this.stopping = false;
    const output = this.options.logFile ? openSync(this.options.logFile, 'a') : 'pipe';
    const child = spawn(
      process.execPath,
      [
        ...(this.spec.nodeArgs ?? []),
        '--conditions=source',
        '--import',
        'tsx',
        this.spec.entry,
        ...(this.spec.args ?? []),
      ],
      { cwd: this.spec.cwd, env: this.spec.env, stdio: ['ignore', output, output, 'ipc'] },
    );
    if (typeof output === 'number') closeSync(output); // the child has its own copy
    this.child = child;
    this.pipeLines(child);
    const startedAt = Date.now();
    return new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        reject(this.failure(`did not report ready within ${this.readyTimeoutMs / 1000} s`));
      }, this.readyTimeoutMs);
      const onExit = (code: number | null, signal: NodeJS.Signals | null) => {
        clearTimeout(timer);
        reject(this.failure(`exited (${signal ?? `code ${code}`}) before it was ready`));
      };
      child.once('exit', onExit);
      child.on('message', (message: { type?: string; url?: string }) => {
        if (message?.type !== 'ready' || typeof message.url !== 'string') return;
        clearTimeout(timer);
        child.off('exit', onExit);
        this.url = message.url;
        this.running = true;
        child.once('exit', (code, signal) => {
          this.running = false;
          this.onCrash(signal ?? `code ${code}`, startedAt);
        });
        for (const waiter of this.waiters.splice(0)) waiter.resolve(message.url);
        resolve(message.url);
      });
    });
  }

  /** Resolves with the URL once the child is running: now, or after the restart under way. */
  whenRunning(): Promise<string> {
    if (this.running && this.url) return Promise.resolve(this.url);
    if (this.gaveUp || this.stopping) {
      return Promise.reject(new LauncherError(`${this.spec.name} is not running and will not be restarted.`));
    }
    return new Promise((resolve, reject) => this.waiters.push({ resolve, reject }));
  }

  /**
   * Sends `signal` to the running child, as a fault would, and resolves once it has exited.
   * Unless stopped, it is then restarted like after any crash (see `whenRunning`).
   */
  async kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill(signal);
    await exited;
  }

  async stop(): Promise<void> {
    this.stopping = true;
    clearTimeout(this.restartTimer);
    this.rejectWaiters('was stopped');
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGTERM');
    const timer = setTimeout(() => {
      this.options.notice(
        `${this.spec.name} did not stop within ${this.stopTimeoutMs / 1000} s; killing it`,
        'error',
      );
      child.kill('SIGKILL');
    }, this.stopTimeoutMs);
    await exited;
    clearTimeout(timer);
  }

  private get readyTimeoutMs() {
    return this.options.readyTimeoutMs ?? 60_000;
  }

  private get stopTimeoutMs() {
    return this.options.stopTimeoutMs ?? 15_000;
  }

  private onCrash(how: string, startedAt: number) {
    if (this.stopping) return;
    const now = Date.now();
    const window = this.options.crashWindowMs ?? 60_000;
    this.crashes = [...this.crashes.filter((t) => now - t < window), now];
    if (this.crashes.length >= (this.options.maxCrashes ?? 5)) {
      this.gaveUp = true;
      this.rejectWaiters('was given up after a crash loop');
      this.options.notice(
        `${this.spec.name} CRASHED ${this.crashes.length} TIMES within ${window / 1000} s (last: ${how}); ` +
          `giving up on it. Its last lines:\n${this.recentLines().join('\n')}`,
        'error',
      );
      return;
    }
    // Backoff doubles with each recent crash: 0.5 s, 1 s, 2 s, 4 s…, reset by a long healthy run.
    const delay = Math.min((this.options.backoffMs ?? 500) * 2 ** (this.crashes.length - 1), 15_000);
    const ranFor = Math.round((now - startedAt) / 1000);
    this.options.notice(
      `${this.spec.name} crashed (${how}) after ${ranFor} s; restarting in ${delay / 1000} s`,
      'error',
    );
    this.restartTimer = setTimeout(() => {
      const restartedAt = Date.now();
      this.start().then(
        () => this.options.notice(`${this.spec.name} is back on ${this.url}`, 'info'),
        () => this.onCrash('failed to start again', restartedAt),
      );
    }, delay);
  }

  private rejectWaiters(why: string) {
    for (const waiter of this.waiters.splice(0)) {
      waiter.reject(new LauncherError(`${this.spec.name} ${why}.`));
    }
  }

  private pipeLines(child: ChildProcess) {
    for (const stream of [child.stdout, child.stderr]) {
      if (!stream) continue;
      createInterface({ input: stream, crlfDelay: Infinity }).on('line', (line) => {
        this.tail.push(line);
        if (this.tail.length > TAIL_LINES) this.tail.shift();
        this.options.log(this.spec.name, line);
      });
    }
  }

  private recentLines(): string[] {
    return this.options.logFile ? lastLines(this.options.logFile, TAIL_LINES) : this.tail;
  }

  private failure(what: string): LauncherError {
    const lines = this.recentLines();
    const tail = lines.length > 0 ? `\n${lines.join('\n')}` : '';
    return new LauncherError(`${this.spec.name} ${what}.${tail}`);
  }
}

/** The last `count` lines of a log file, from its last 64 KB; none if it cannot be read. */
function lastLines(file: string, count: number): string[] {
  let fd: number | undefined;
  try {
    fd = openSync(file, 'r');
    const size = fstatSync(fd).size;
    const chunk = Buffer.alloc(Math.min(size, 64 * 1024));
    readSync(fd, chunk, 0, chunk.length, size - chunk.length);
    return chunk.toString('utf8').split('\n').filter(Boolean).slice(-count);
  } catch {
    return [];
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
