import closeWithGrace from 'close-with-grace';
import type { App } from '../app/create-app.js';

export interface RunnableService {
  app: App;
  /** Background work that starts once the server listens (outbox relay, consumers, sweepers). */
  start?: () => Promise<void>;
  /** Stops background work and closes pools, after the server has drained. */
  stop?: () => Promise<void>;
}

export interface ListenConfig {
  HOST: string;
  PORT: number;
  SHUTDOWN_TIMEOUT_MS: number;
}

/**
 * What every main.ts does: listen, start background work, tell a parent launcher
 * (over IPC) where it listens, and on SIGTERM/SIGINT stop taking requests, drain
 * the ones in flight, stop workers and close pools, all within a deadline.
 */
export async function runService(
  name: string,
  config: ListenConfig,
  service: RunnableService,
): Promise<void> {
  const { app } = service;
  const closing = closeWithGrace({ delay: config.SHUTDOWN_TIMEOUT_MS }, async ({ signal, err }) => {
    if (err) app.log.error({ err }, `${name} is stopping after an unexpected error`);
    else app.log.info({ signal }, `${name} is stopping`);
    await app.close();
    await service.stop?.();
  });
  app.addHook('onClose', (_instance, done) => {
    closing.uninstall();
    done();
  });

  const address = await app.listen({ host: config.HOST, port: config.PORT });
  await service.start?.();
  app.log.info({ address }, `${name} is listening`);
  if (process.send) {
    // Started by a launcher: if it dies without stopping us, stop gracefully rather than linger.
    process.once('disconnect', () => process.kill(process.pid, 'SIGTERM'));
    process.send({ type: 'ready', service: name, url: address });
  }
}
