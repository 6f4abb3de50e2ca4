import type { FastifyBaseLogger } from 'fastify';
import type { Static } from 'typebox';
import { Value } from 'typebox/value';
import type { Upstream } from '../proxy/forwarder.js';
import type { UpstreamName } from '../route-table.js';
import { ServiceDeadLetters, type GatheredDeadLetters } from './dead-letters.schemas.js';

type Gathered = Static<typeof GatheredDeadLetters>;
type Answer = { status: number; body: unknown };

/**
 * Asks every service for its dead letters at once. A service that refuses the caller (401/403)
 * decides for all: the caller sees that refusal, never a partial list. A service that is down,
 * too slow, broken or without the route is reported as unavailable instead of failing the list.
 */
export async function gatherDeadLetters(
  upstreams: ReadonlyMap<UpstreamName, Upstream>,
  headers: Record<string, string | string[]>,
  timeoutMs: number,
  log: FastifyBaseLogger,
): Promise<Gathered | { refused: Answer }> {
  const answers = await Promise.all(
    [...upstreams].map(async ([service, upstream]) => {
      try {
        return {
          service,
          answer: await upstream.exchange('GET', '/api/v1/admin/dead-letters', headers, timeoutMs),
        };
      } catch (error) {
        log.warn({ err: error, service }, `dead letters of ${service} unavailable`);
        return { service, answer: undefined };
      }
    }),
  );

  const refusal =
    answers.find(({ answer }) => answer?.status === 401) ??
    answers.find(({ answer }) => answer?.status === 403);
  if (refusal?.answer) return { refused: refusal.answer };

  const gathered: Gathered = { items: [], unavailable: [] };
  for (const { service, answer } of answers) {
    if (answer?.status === 200 && Value.Check(ServiceDeadLetters, answer.body)) {
      for (const letter of answer.body.items) gathered.items.push({ service, ...letter });
    } else {
      if (answer) log.warn({ service, status: answer.status }, `dead letters of ${service} unreadable`);
      gathered.unavailable.push(service);
    }
  }
  gathered.items.sort((a, b) => (a.failedAt < b.failedAt ? 1 : a.failedAt > b.failedAt ? -1 : 0));
  return gathered;
}
