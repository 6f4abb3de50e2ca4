import { Type } from 'typebox';
import type { CaptureMailer } from '../adapters/capture-mailer.js';
import { Email, Strict } from './common.schemas.js';
import type { RouteContext } from './context.js';

const CapturedMail = Strict({
  id: Type.String(),
  from: Type.String(),
  to: Type.String(),
  subject: Type.String(),
  text: Type.String(),
  links: Type.Array(Type.String()),
  sentAt: Type.String(),
});

/** Development only (MAILER=capture): the captured mail of one address, newest first. */
export function devRoutes({ app }: RouteContext, mailer: CaptureMailer) {
  app.get(
    '/dev/mailbox',
    {
      schema: {
        hide: true,
        querystring: Strict({ to: Email }),
        response: { 200: Strict({ items: Type.Array(CapturedMail) }) },
      },
    },
    async (request) => ({ items: await mailer.mailbox(request.query.to) }),
  );
}
