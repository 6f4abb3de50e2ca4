import { Type } from 'typebox';
import { NotFound, Unauthenticated, decodeCursor, encodeCursor, type App } from '@shop/platform';
import type { EventLog } from '../domain/event-log.js';
import { completeAction } from '../domain/customer-authentication.js';
import type { PaymentsContext } from '../domain/payments-context.js';
import type { WebhookDispatcher } from '../messaging/webhook-dispatcher.js';
import type { Settings } from '../settings.js';
import {
  CompleteActionBody,
  EventCursor,
  EventParams,
  EventsPage,
  EventsQuery,
  IntentParams,
  LoggedEventSchema,
  SettingsChangesSchema,
  SettingsSchema,
} from './control.schemas.js';
import { presentedKey, sameKey } from './stripe-auth.js';
import { PaymentIntentSchema } from './stripe-objects.schemas.js';

export interface ControlDeps {
  apiKey: string;
  ctx: PaymentsContext;
  events: EventLog;
  settings: Settings;
  webhooks: WebhookDispatcher;
  /** Forgets every object, event, idempotency key and pending task; knobs back to the environment's values. */
  reset: () => void;
}

const tags = ['Sandbox control'];
const security = [{ bearer: [] }];

/** `/_sandbox`: what tests use to steer the sandbox (our API, problem+json errors, the same secret key). */
export async function registerControlApi(app: App, deps: ControlDeps): Promise<void> {
  await app.register(
    async (scope: App) => {
      scope.addHook('onRequest', async (request) => {
        const key = presentedKey(request);
        if (key === null || !sameKey(key, deps.apiKey)) {
          throw new Unauthenticated('Send the sandbox secret key as a Bearer token.');
        }
      });

      scope.get(
        '/config',
        {
          schema: {
            tags,
            security,
            summary: 'Current fault and webhook knobs',
            response: { 200: SettingsSchema },
          },
        },
        async () => deps.settings.get(),
      );

      scope.put(
        '/config',
        {
          schema: {
            tags,
            security,
            summary: 'Change knobs (the fields sent; the others keep their values)',
            body: SettingsChangesSchema,
            response: { 200: SettingsSchema },
          },
        },
        async (request) => deps.settings.update(request.body),
      );

      scope.post(
        '/reset',
        { schema: { tags, security, summary: 'Start over', response: { 204: Type.Null() } } },
        async (_request, reply) => {
          deps.reset();
          return reply.code(204).send(null);
        },
      );

      scope.get(
        '/events',
        {
          schema: {
            tags,
            security,
            summary: 'Emitted events with their delivery attempts, oldest first',
            querystring: EventsQuery,
            response: { 200: EventsPage },
          },
        },
        async (request) => {
          const { limit, cursor, type, payment_intent } = request.query;
          const after = decodeCursor(cursor, EventCursor);
          const page = deps.events.list({
            afterSequence: after?.sequence,
            limit: limit + 1,
            type,
            paymentIntent: payment_intent,
          });
          const items = page.slice(0, limit);
          const last = items.at(-1);
          return {
            items,
            nextCursor: page.length > limit && last ? encodeCursor({ sequence: last.sequence }) : null,
          };
        },
      );

      scope.get(
        '/events/:id',
        {
          schema: {
            tags,
            security,
            summary: 'One event',
            params: EventParams,
            response: { 200: LoggedEventSchema },
          },
        },
        async (request) => {
          const entry = deps.events.get(request.params.id);
          if (!entry) throw new NotFound(`No event ${request.params.id} in this sandbox.`);
          return entry;
        },
      );

      scope.post(
        '/events/:id/redeliver',
        {
          schema: {
            tags,
            security,
            summary: 'Deliver an event again now; answers after the first attempt',
            params: EventParams,
            response: { 200: LoggedEventSchema },
          },
        },
        async (request) => {
          const entry = await deps.webhooks.redeliver(request.params.id);
          if (!entry) throw new NotFound(`No event ${request.params.id} in this sandbox.`);
          return entry;
        },
      );

      scope.post(
        '/payment_intents/:intent/complete_action',
        {
          schema: {
            tags,
            security,
            summary: 'The customer passes or fails 3-D Secure',
            params: IntentParams,
            body: CompleteActionBody,
            response: { 200: PaymentIntentSchema },
          },
        },
        async (request) => completeAction(deps.ctx, request.params.intent, request.body.outcome),
      );
    },
    { prefix: '/_sandbox' },
  );
}
