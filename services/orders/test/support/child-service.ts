import { fileURLToPath } from 'node:url';
import { startChildService as startChild, type ChildService as Child } from '@shop/platform';

export const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));

/** A neighbour (or orders itself) running as its own process, ready, with its URL. */
export type ChildService = Child & { url: string };

/**
 * Starts a service of this repository as its own process, the way the launcher does (the
 * platform's startChildService: `main.ts` under tsx, configured by environment variables,
 * reporting its URL over IPC once it listens). `stop()` is SIGTERM, `kill()` a crash (SIGKILL).
 * Services are never imported across folders; they talk over HTTP.
 */
export function startChildService(
  name: string,
  env: Record<string, string>,
  { timeoutMs = 90_000 } = {},
): Promise<ChildService> {
  return startChild({
    name,
    entry: `services/${name}/src/main.ts`,
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: process.env.TEST_LOG ?? 'warn',
      ...env,
    },
    stdout: process.env.TEST_LOG ? 'inherit' : 'pipe', // piped: a failed start quotes its last lines
    stderr: 'inherit',
    readyTimeoutMs: timeoutMs,
  });
}
