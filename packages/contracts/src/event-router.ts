import type { Static } from 'typebox';
import { Value } from 'typebox/value';
import { producerOf } from './all-events.js';
import type { EventContract } from './define-event.js';

interface ReceivedEvent {
  id: string;
  type: string;
  /** The service that says it published the event. */
  source: string;
  payload: unknown;
}

/** An event of a type its source does not publish: a forgery, or a misrouted message. */
export class UnexpectedEventSource extends Error {
  constructor(type: string, id: string, source: string, producer: string) {
    super(`Event ${id} (${type}) comes from ${source}, but only ${producer} publishes ${type}`);
    this.name = 'UnexpectedEventSource';
  }
}

/** A payload that does not match its contract: a producer bug, sent to the dead letters by the retries. */
export class InvalidEventPayload extends Error {
  constructor(type: string, id: string, problems: string[]) {
    super(`Event ${id} (${type}) does not match its contract: ${problems.join('; ')}`);
    this.name = 'InvalidEventPayload';
  }
}

export interface EventRoute<Ctx> {
  type: string;
  handle: (context: Ctx, payload: never, event: ReceivedEvent) => Promise<void>;
}

/** Binds a handler to a contract; the payload it receives is checked against the contract's schema. */
export function on<C extends EventContract, Ctx>(
  contract: C,
  handle: (context: Ctx, payload: Static<C['schema']>, event: ReceivedEvent) => Promise<void>,
): EventRoute<Ctx> {
  return { type: contract.type, handle: handle as EventRoute<Ctx>['handle'] };
}

/**
 * One handler for a subscription's event types: validates each payload against its
 * contract and calls the matching route. `types` is what to subscribe to.
 */
export function routeEvents<Ctx>(routes: EventRoute<Ctx>[], contracts: Record<string, EventContract>) {
  const byType = new Map(routes.map((route) => [route.type, route]));
  return {
    types: routes.map((route) => route.type),
    async handle(context: Ctx, event: ReceivedEvent): Promise<void> {
      const route = byType.get(event.type);
      if (!route) return; // not ours: acknowledged without effect
      const producer = producerOf[event.type];
      if (producer && event.source !== producer)
        throw new UnexpectedEventSource(event.type, event.id, event.source, producer);
      const contract = contracts[event.type];
      if (contract && !Value.Check(contract.schema, event.payload)) {
        const problems = [...Value.Errors(contract.schema, event.payload)]
          .slice(0, 5)
          .map((e) => `${e.instancePath || '/'} ${e.message}`);
        throw new InvalidEventPayload(event.type, event.id, problems);
      }
      await route.handle(context, event.payload as never, event);
    },
  };
}
