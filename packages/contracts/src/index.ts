export { defineEvent, type EventContract, type PayloadOf } from './define-event.js';
export { Currency, MinorUnits } from './money.js';
export * from './user-events.js';
export * from './product-events.js';
export * from './order-events.js';
export {
  on,
  routeEvents,
  InvalidEventPayload,
  UnexpectedEventSource,
  type EventRoute,
} from './event-router.js';
export { allEvents, producerOf } from './all-events.js';
