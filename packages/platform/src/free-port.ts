import { randomInt } from 'node:crypto';
import { createServer } from 'node:net';

// Below the range every OS hands out by itself (Linux 32768–60999, macOS and Windows 49152–65535):
// a port picked here is listened on seconds later (after PostgreSQL starts, say), and one from the
// automatic range could meanwhile go to any outgoing connection or port-0 listener of the machine.
const LOWEST = 20_000;
const HIGHEST = 32_767;
const TRIES = 100;
const handedOut = new Set<number>();

/**
 * A port nobody listens on right now, for a server that starts a little later: picked at random
 * outside the OS's automatic range, checked by listening on it, and never the same twice in this
 * process.
 */
export async function freePort(host = '127.0.0.1'): Promise<number> {
  for (let tried = 0; tried < TRIES; tried++) {
    const port = randomInt(LOWEST, HIGHEST + 1);
    if (handedOut.has(port) || !(await canListen(port, host))) continue;
    handedOut.add(port);
    return port;
  }
  throw new Error(`No free port between ${LOWEST} and ${HIGHEST} on ${host} after ${TRIES} tries.`);
}

function canListen(port: number, host: string): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, host, () => server.close(() => resolve(true)));
  });
}
