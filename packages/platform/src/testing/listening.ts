import { connect } from 'node:net';

/**
 * Whether something accepts TCP connections at a URL's host and port (`defaultPort` when the URL
 * names none), within a second: how the suites that need an external service (NATS, Redis)
 * decide whether it is there before they skip or fail.
 */
export function listening(url: string, defaultPort: number): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = connect({ host: hostname, port: Number(port || defaultPort) });
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
    socket.setTimeout(1000, () => (socket.destroy(), resolve(false)));
  });
}
