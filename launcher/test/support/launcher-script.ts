import { spawn, type ChildProcess } from 'node:child_process';
import { ROOT } from '../../src/index.js';

export interface ScriptRun {
  process: ChildProcess;
  /** stdout and stderr so far, interleaved as they came. */
  output: () => string;
  /** The exit code (null when killed by a signal). */
  exited: Promise<number | null>;
}

/** Runs one of the repository's TypeScript entry points as `npm run …` does, from the root. */
export function runScript(entry: string, args: string[], env: NodeJS.ProcessEnv): ScriptRun {
  return run(process.execPath, ['--conditions=source', '--import', 'tsx', entry, ...args], env);
}

/**
 * Runs `npm <command> -- args` itself, as a person or a process manager does: signals go to npm,
 * which must pass them on (npm_execpath is the npm running the tests, else the one on PATH).
 */
export function runNpm(command: string, args: string[], env: NodeJS.ProcessEnv): ScriptRun {
  const npmCli = process.env.npm_execpath;
  const line = [command, ...(args.length > 0 ? ['--', ...args] : [])];
  return npmCli?.endsWith('.js') ? run(process.execPath, [npmCli, ...line], env) : run('npm', line, env);
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv): ScriptRun {
  const child = spawn(command, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { process: child, output: () => output, exited };
}
