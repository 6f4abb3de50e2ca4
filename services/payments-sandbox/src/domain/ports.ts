import type { EventType } from './stripe-fields.js';
import type { EventObject, StripeEvent } from './stripe-objects.js';

/**
 * The ports the payment use cases share. The Account's maps are the stores, the EventLog is
 * where changes are announced, app.ts schedules the settlements; each use case names only
 * the ones it uses.
 */

/** Who caused a change: the API request (echoed in events) or the sandbox itself (null ids). */
export interface RequestInfo {
  id: string | null;
  idempotencyKey: string | null;
}

export const NO_REQUEST: RequestInfo = { id: null, idempotencyKey: null };

/** Reads one kind of the account's objects by id. */
export interface Lookup<T> {
  get(id: string): T | undefined;
}

/** Keeps one kind of the account's objects. */
export interface ObjectStore<T> extends Lookup<T> {
  set(id: string, value: T): void;
}

/** Announces a change: the event (with a copy of the object) is logged and delivered by webhook. */
export interface AccountEvents {
  emit(type: EventType, object: EventObject, request: RequestInfo): StripeEvent;
}

/** When a card payment settles: at once, or later, as the processing knob says. */
export interface SettlementSchedule {
  /** How long a card payment stays `processing` before it settles (0 = at once). */
  processingMs(): number;
  /** Runs `task` later; the app cancels pending tasks on reset and stop. */
  schedule(ms: number, task: () => void): void;
}
