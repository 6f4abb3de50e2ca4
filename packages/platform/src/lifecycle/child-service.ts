import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { createInterface } from 'node:readline';

/** Where one of the child's output streams goes. `pipe`: read line by line (`onOutput`, the tail). */
export type ChildOutput = 'pipe' | 'inherit' | 'ignore';
export type ChildStream = 'stdout' | 'stderr';

export interface ChildServiceOptions {
  /** Names the child in errors. */
  name: string;
  /** The script node runs, relative to `cwd` (or absolute). */
  entry: string;
  args?: string[];
  /** Node flags before the entry (e.g. `--cpu-prof` for bench/profile.ts). */
  nodeArgs?: string[];
  /**
   * TypeScript source under tsx (`--conditions=source --import tsx`), as the launcher and the
   * tests run services; `false` for compiled output (`dist/src/main.js`, as an image runs it).
   */
  tsx?: boolean;
  cwd?: string;
  /** The child's whole environment: nothing else is inherited (callers spread `process.env`). */
  env?: NodeJS.ProcessEnv;
  /** Default `pipe`: read by this process, line by line. */
  stdout?: ChildOutput;
  stderr?: ChildOutput;
  /**
   * Both streams appended straight to this file instead (`stdout`/`stderr` are then ignored):
   * this process reads none of it. A failure still quotes the child's last lines, from the file.
   */
  logFile?: string;
  /** Each line of a piped stream. */
  onOutput?: (line: string, stream: ChildStream) => void;
  /**
   * How the child says it is ready: `ipc`, the `{ type: 'ready', url }` message `runService`
   * sends its launcher; `stdout-url`, a first stdout line that is its URL (bench's reference
   * servers).
   */
  ready?: 'ipc' | 'stdout-url';
  /** Not ready by then: killed (SIGKILL) and `ready` rejects. Default 60 s. */
  readyTimeoutMs?: number;
  /** `stop()` sends SIGKILL once this has passed since its signal. Default 15 s. */
  stopTimeoutMs?: number;
  onStopTimeout?: () => void;
  /** How many of the last piped lines an error quotes. Default 15. */
  tailLines?: number;
}

export interface ChildExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface ChildService {
  name: string;
  child: ChildProcess;
  pid: number | undefined;
  /** The URL it reported; resolves once it is ready, rejects (a ChildServiceError) if it is not. */
  ready: Promise<string>;
  /** Set once ready. */
  url: string | undefined;
  /** Resolves once it has exited and its piped output has been read to the end. */
  exited: Promise<ChildExit>;
  /** Whether it has exited (its `exited` may still be reading the last output). */
  readonly hasExited: boolean;
  /** Sends `signal` (SIGTERM) and waits for the exit; SIGKILL after `stopTimeoutMs`. */
  stop(signal?: NodeJS.Signals): Promise<ChildExit>;
  /** Sends `signal` (SIGKILL: a crash, no cleanup) and waits for the exit. */
  kill(signal?: NodeJS.Signals): Promise<ChildExit>;
  /** Its last lines: the tail of its piped output, or of its log file. */
  recentLines(): string[];
}

/** A child that did not get ready: `reason` says how ("exited (code 1) before it was ready"). */
export class ChildServiceError extends Error {
  constructor(
    readonly service: string,
    readonly reason: string,
    readonly lines: string[],
    readonly exit?: ChildExit,
  ) {
    super(`${service} ${reason}.${lines.length > 0 ? `\n${lines.join('\n')}` : ''}`);
    this.name = 'ChildServiceError';
  }
}

/** How an exit reads in a message: `SIGKILL` or `code 3`. */
export function describeExit({ code, signal }: ChildExit): string {
  return signal ?? `code ${code}`;
}

/**
 * Starts a service as a child process, the way the launcher does, and hands it back at once;
 * its `ready` says when (and where) it listens. What the launcher's supervisor builds its
 * restarts on, and what the tests use to run a service as its own process.
 */
export function spawnChildService(options: ChildServiceOptions): ChildService {
  const { name, logFile, onOutput } = options;
  const tailSize = options.tailLines ?? 15;
  const readyTimeoutMs = options.readyTimeoutMs ?? 60_000;
  const stopTimeoutMs = options.stopTimeoutMs ?? 15_000;
  const readyFrom = options.ready ?? 'ipc';

  const file = logFile ? openSync(logFile, 'a') : undefined;
  const stdout = file ?? options.stdout ?? 'pipe';
  const stderr = file ?? options.stderr ?? 'pipe';
  if (readyFrom === 'stdout-url' && stdout !== 'pipe') {
    throw new Error(`${name}: ready: 'stdout-url' needs its stdout piped`);
  }
  let child: ChildProcess;
  try {
    child = spawn(
      process.execPath,
      [
        ...(options.nodeArgs ?? []),
        ...(options.tsx === false ? [] : ['--conditions=source', '--import', 'tsx']),
        options.entry,
        ...(options.args ?? []),
      ],
      { cwd: options.cwd, env: options.env ?? process.env, stdio: ['ignore', stdout, stderr, 'ipc'] },
    );
  } finally {
    if (file !== undefined) closeSync(file); // the child has its own copy
  }

  const tail: string[] = [];
  const recentLines = () => (logFile ? lastLines(logFile, tailSize) : [...tail]);
  let firstStdoutLine: ((line: string) => void) | undefined;
  for (const [stream, input] of [
    ['stdout', child.stdout],
    ['stderr', child.stderr],
  ] as const) {
    if (!input) continue;
    createInterface({ input, crlfDelay: Infinity }).on('line', (line) => {
      tail.push(line);
      if (tail.length > tailSize) tail.shift();
      if (stream === 'stdout') firstStdoutLine?.(line);
      onOutput?.(line, stream);
    });
  }

  let exit: ChildExit | undefined;
  const exited = new Promise<ChildExit>((resolve) => {
    // 'close' comes after 'exit', once the piped output is read to its end.
    child.once('close', (code, signal) => resolve((exit ??= { code, signal })));
    // A child that could not be spawned at all (a missing cwd) has no exit, only an error.
    child.on('error', () => {
      if (child.pid === undefined) resolve((exit ??= { code: null, signal: null }));
    });
  });
  child.once('exit', (code, signal) => (exit ??= { code, signal }));

  const service: ChildService = {
    name,
    child,
    pid: child.pid,
    url: undefined,
    exited,
    get hasExited() {
      return exit !== undefined || child.exitCode !== null || child.signalCode !== null;
    },
    ready: new Promise<string>((resolve, reject) => {
      let settled = false;
      const fail = (reason: string, how?: ChildExit) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        reject(new ChildServiceError(name, reason, recentLines(), how));
      };
      const succeed = (url: string) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        service.url = url;
        resolve(url);
      };
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        fail(`did not report ready within ${readyTimeoutMs / 1000} s`);
      }, readyTimeoutMs);
      child.on('error', (error) => {
        if (child.pid === undefined) fail(`could not be started (${error.message})`);
      });
      void exited.then((how) => fail(`exited (${describeExit(how)}) before it was ready`, how));
      if (readyFrom === 'ipc') {
        child.on('message', (message: { type?: string; url?: unknown }) => {
          if (message?.type === 'ready' && typeof message.url === 'string' && message.url) {
            succeed(message.url);
          }
        });
      } else {
        firstStdoutLine = (line) => {
          firstStdoutLine = undefined;
          succeed(line.trim());
        };
      }
    }),
    async stop(signal = 'SIGTERM') {
      if (service.hasExited) return exited;
      const timer = setTimeout(() => {
        options.onStopTimeout?.();
        child.kill('SIGKILL');
      }, stopTimeoutMs);
      child.kill(signal);
      try {
        return await exited;
      } finally {
        clearTimeout(timer);
      }
    },
    async kill(signal = 'SIGKILL') {
      if (!service.hasExited) child.kill(signal);
      return exited;
    },
    recentLines,
  };
  // Whoever spawned it may never ask whether it got ready (it was stopped first).
  service.ready.catch(() => undefined);
  return service;
}

/**
 * `spawnChildService`, resolved once the child is ready (with its `url`); a child that exits
 * first or does not report ready in time is a ChildServiceError quoting its last lines.
 */
export async function startChildService(
  options: ChildServiceOptions,
): Promise<ChildService & { url: string }> {
  const service = spawnChildService(options);
  await service.ready;
  return service as ChildService & { url: string };
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
