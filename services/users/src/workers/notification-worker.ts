import { PeriodicTask, type Log } from '@shop/platform';
import type { Notifications } from '../domain/notifications.js';

const BATCH = 20;

/**
 * Sends owed notification mails: woken when a consumer has committed new ones, and every
 * `intervalMs` anyway (retries that came due, rows a crashed replica left behind). One run at a
 * time per process; replicas share the work through the rows' leases.
 */
export function notificationWorker(notifications: Notifications, log: Log, intervalMs: number): PeriodicTask {
  const worker: PeriodicTask = new PeriodicTask({
    name: 'sending notification mails',
    intervalMs,
    log,
    runAtStart: true,
    run: async () => {
      while (worker.active && (await notifications.sendDue(BATCH)) === BATCH);
    },
  });
  return worker;
}
