import { ChildServiceError, describeExit, spawnChildService, type ChildService } from '@shop/platform';
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
 * One service as a child process (started by the platform's spawnChildService): awaited until
 * it reports `ready` over IPC, restarted with exponential backoff when it crashes (on the same
 * port, since its env is fixed), given up loudly in a crash loop, and stopped with SIGTERM then
 * SIGKILL.
 */
export class SupervisedChild {
  url: string | undefined;
  gaveUp = false;
  /** Listening and ready: between its `ready` message and its exit. */
  running = false;
  private child: ChildService | undefined;
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
    if (this.child && !this.child.hasExited) {
      return Promise.reject(new LauncherError(`${this.spec.name} is already running.`));
    }
    this.stopping = false;
    const { name, entry, args, nodeArgs, cwd, env } = this.spec;
    const child = spawnChildService({
      name,
      entry,
      cwd,
      env,
      ...(args ? { args } : {}),
      ...(nodeArgs ? { nodeArgs } : {}),
      ...(this.options.logFile ? { logFile: this.options.logFile } : {}),
      onOutput: (line) => {
        this.tail.push(line);
        if (this.tail.length > TAIL_LINES) this.tail.shift();
        this.options.log(name, line);
      },
      readyTimeoutMs: this.readyTimeoutMs,
      stopTimeoutMs: this.stopTimeoutMs,
      onStopTimeout: () =>
        this.options.notice(
          `${name} did not stop within ${this.stopTimeoutMs / 1000} s; killing it`,
          'error',
        ),
      tailLines: TAIL_LINES,
    });
    this.child = child;
    const startedAt = Date.now();
    return child.ready.then(
      (url) => {
        this.url = url;
        this.running = true;
        void child.exited.then((exit) => {
          this.running = false;
          this.onCrash(describeExit(exit), startedAt);
        });
        for (const waiter of this.waiters.splice(0)) waiter.resolve(url);
        return url;
      },
      (error: unknown) => {
        throw error instanceof ChildServiceError ? this.failure(error.reason) : error;
      },
    );
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
    await this.child?.kill(signal);
  }

  async stop(): Promise<void> {
    this.stopping = true;
    clearTimeout(this.restartTimer);
    this.rejectWaiters('was stopped');
    await this.child?.stop('SIGTERM');
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

  private recentLines(): string[] {
    // Piped: the last lines of every run so far; written to a file: the file's (spawnChildService).
    return this.options.logFile ? (this.child?.recentLines() ?? []) : this.tail;
  }

  private failure(what: string): LauncherError {
    const lines = this.recentLines();
    const tail = lines.length > 0 ? `\n${lines.join('\n')}` : '';
    return new LauncherError(`${this.spec.name} ${what}.${tail}`);
  }
}
