/**
 * `npm start`. This front process only relays signals: the stack runs in its own session
 * (serve.ts), so a terminal's Ctrl-C reaches this process alone and not PostgreSQL and the
 * services at once, and serve.ts can stop them in order: services first, then the database.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const serve = fileURLToPath(new URL('./serve.ts', import.meta.url));
const child = spawn(process.execPath, [...process.execArgv, serve, ...process.argv.slice(2)], {
  detached: true,
  stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
});
let signals = 0;
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.on(signal, () => {
    signals += 1;
    // A second Ctrl-C asks serve.ts to stop at once instead of draining.
    child.kill(signals > 1 ? 'SIGINT' : 'SIGTERM');
  });
}
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
