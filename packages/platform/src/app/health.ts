import type { FastifyInstance, LogLevel } from 'fastify';

export type ReadinessCheck = () => Promise<void>;

/**
 * `/healthz` answers while the process can serve at all (no dependency checks,
 * so a database outage never turns into a restart loop); `/readyz` runs every
 * registered check and answers 503 naming the failing ones, or while shutting down.
 */
export function registerHealth(
  app: FastifyInstance,
  checks: Record<string, ReadinessCheck>,
  isDraining: () => boolean,
  serviceLogLevel = 'info',
) {
  // Probes arrive every few seconds: their request lines are noise, so they log from warn up,
  // unless the service is quieter than that already (a silent test stays silent).
  const logLevel: LogLevel = ['error', 'fatal', 'silent'].includes(serviceLogLevel)
    ? (serviceLogLevel as LogLevel)
    : 'warn';
  app.get('/healthz', { schema: { hide: true, operationId: 'getHealth' }, logLevel }, async () => ({
    status: 'ok',
  }));

  app.get(
    '/readyz',
    { schema: { hide: true, operationId: 'getReadiness' }, logLevel },
    async (_request, reply) => {
      if (isDraining()) {
        return reply.code(503).type('application/problem+json').send({
          type: 'about:blank',
          title: 'Shutting down',
          status: 503,
          detail: 'The service is draining and takes no new work.',
        });
      }
      const results = await Promise.all(
        Object.entries(checks).map(async ([name, check]) => {
          try {
            await withTimeout(check(), 2000);
            return { name, ok: true as const };
          } catch (error) {
            return {
              name,
              ok: false as const,
              error: error instanceof Error ? error.message : String(error),
            };
          }
        }),
      );
      const failing = results.filter((r) => !r.ok);
      if (failing.length === 0)
        return { status: 'ready', checks: Object.fromEntries(results.map((r) => [r.name, 'ok'])) };
      return reply
        .code(503)
        .type('application/problem+json')
        .send({
          type: 'about:blank',
          title: 'Not ready',
          status: 503,
          detail: `Failing: ${failing.map((f) => `${f.name} (${f.error})`).join(', ')}`,
          checks: Object.fromEntries(results.map((r) => [r.name, r.ok ? 'ok' : 'failing'])),
        });
    },
  );
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}
