import { Type } from 'typebox';
import { NotFound, Unauthenticated, decodeCursor, encodeCursor, problems, type App } from '@shop/platform';
import type { CustomerAuthentication } from '../domain/customer-authentication.js';
import type { EventLog } from '../domain/event-log.js';
import { PaymentIntentSchema } from '../domain/stripe-objects.js';
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
import { documentSecretKey, presentedKey, sameKey } from './stripe-auth.js';

export interface ControlRoutesDeps {
  apiKey: string;
  authentication: CustomerAuthentication;
  events: EventLog;
  settings: Settings;
  webhooks: WebhookDispatcher;
  /** Forgets every object, event, idempotency key and pending task; knobs back to the environment's values. */
  reset: () => void;
}

const tags = ['Sandbox control'];

/** `/_sandbox`: what tests use to steer the sandbox (our API, problem+json errors, the same secret key). */
export async function registerControlRoutes(app: App, deps: ControlRoutesDeps): Promise<void> {
  await app.register(
    async (scope: App) => {
      scope.addHook('onRequest', async (request) => {
        const key = presentedKey(request);
        if (key === null || !sameKey(key, deps.apiKey)) {
          throw new Unauthenticated('Send the sandbox secret key as a Bearer token.');
        }
      });
      documentSecretKey(scope, { stripeErrors: false });

      scope.get(
        '/config',
        {
          schema: {
            operationId: 'getSandboxConfig',
            summary: 'Current fault and webhook knobs',
            tags,
            response: { 200: SettingsSchema, ...problems(401) },
          },
        },
        async () => deps.settings.get(),
      );

      scope.put(
        '/config',
        {
          schema: {
            operationId: 'updateSandboxConfig',
            summary: 'Change knobs (the fields sent; the others keep their values)',
            tags,
            body: SettingsChangesSchema,
            response: { 200: SettingsSchema, ...problems(400, 401) },
          },
        },
        async (request) => deps.settings.update(request.body),
      );

      scope.post(
        '/reset',
        {
          schema: {
            operationId: 'resetSandbox',
            summary: 'Start over',
            tags,
            response: { 204: Type.Null(), ...problems(401) },
          },
        },
        async (_request, reply) => {
          deps.reset();
          return reply.code(204).send(null);
        },
      );

      scope.get(
        '/events',
        {
          schema: {
            operationId: 'listSandboxEvents',
            summary: 'Emitted events with their delivery attempts, oldest first',
            tags,
            querystring: EventsQuery,
            response: { 200: EventsPage, ...problems(400, 401) },
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
            operationId: 'getSandboxEvent',
            summary: 'One event',
            tags,
            params: EventParams,
            response: { 200: LoggedEventSchema, ...problems(400, 401, 404) },
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
            operationId: 'redeliverSandboxEvent',
            summary: 'Deliver an event again now; answers after the first attempt',
            tags,
            params: EventParams,
            response: { 200: LoggedEventSchema, ...problems(400, 401, 404) },
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
            operationId: 'completeSandboxAction',
            summary: 'The customer passes or fails 3-D Secure',
            tags,
            params: IntentParams,
            body: CompleteActionBody,
            response: { 200: PaymentIntentSchema, ...problems(400, 401, 404, 409) },
          },
        },
        async (request) => deps.authentication.completeAction(request.params.intent, request.body.outcome),
      );
    },
    { prefix: '/_sandbox' },
  );
}
