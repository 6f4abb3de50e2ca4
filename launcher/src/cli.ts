/**
 * `npm start` (package.json runs it with `exec`, so npm's signals reach it rather than a shell that
 * would drop them). This front process only relays signals: the stack runs in its own session
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

// `npm start` runs this with exec, so npm's SIGTERM and SIGINT arrive above. An npm (or shell)
// killed outright passes nothing on: when the parent is gone, stop the stack as for a SIGTERM.
const parent = process.ppid;
const orphaned = setInterval(() => {
  if (process.ppid === parent) return;
  clearInterval(orphaned);
  if (signals === 0) child.kill('SIGTERM');
}, 1000);
orphaned.unref();
