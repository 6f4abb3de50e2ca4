import { createServer } from 'node:net';
import { LauncherError } from './errors.js';

/** Fails with a one-line reason when `port` is taken, before anything has started. */
export async function assertPortFree(port: number, what: string, hint: string, host = '127.0.0.1') {
  await new Promise<void>((resolve, reject) => {
    const server = createServer();
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        new LauncherError(
          error.code === 'EADDRINUSE'
            ? `Port ${port} for ${what} is already in use; stop what uses it or ${hint}.`
            : `Cannot listen on ${host}:${port} for ${what}: ${error.code ?? error.message}.`,
        ),
      ),
    );
    server.listen(port, host, () => server.close(() => resolve()));
  });
}
