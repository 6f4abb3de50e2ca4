/** The production mailer against a real SMTP server (smtp-server, on a free local port). */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { SMTPServer } from 'smtp-server';
import { SmtpMailer } from '../src/adapters/smtp-mailer.js';

interface Received {
  from: string;
  to: string[];
  data: string;
}

const received: Received[] = [];
let server: SMTPServer;
let port: number;

before(async () => {
  server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      let data = '';
      stream.on('data', (chunk: Buffer) => (data += chunk.toString()));
      stream.on('end', () => {
        const from = session.envelope.mailFrom;
        received.push({
          from: from ? from.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          data,
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.server.address() as { port: number }).port;
});

after(() => new Promise<void>((resolve) => server.close(() => resolve())));

test('a mail goes out over SMTP from the configured sender, with its subject and text', async () => {
  const mailer = new SmtpMailer(`smtp://127.0.0.1:${port}`, 'Shop <no-reply@shop.test>');
  try {
    await mailer.send({
      to: 'ada@example.com',
      subject: 'Your order has shipped',
      text: 'Tracking number LP123456789FR.\nThank you for shopping with us.',
    });
  } finally {
    mailer.close();
  }
  assert.equal(received.length, 1);
  const [mail] = received;
  assert.equal(mail!.from, 'no-reply@shop.test');
  assert.deepEqual(mail!.to, ['ada@example.com']);
  assert.match(mail!.data, /^Subject: Your order has shipped$/m);
  assert.match(mail!.data, /^From: Shop <no-reply@shop\.test>$/m);
  assert.match(mail!.data, /Tracking number LP123456789FR\./);
});

test('an unreachable relay is an error the caller sees', async () => {
  const mailer = new SmtpMailer(`smtp://127.0.0.1:1`, 'Shop <no-reply@shop.test>');
  try {
    await assert.rejects(mailer.send({ to: 'ada@example.com', subject: 'x', text: 'y' }));
  } finally {
    mailer.close();
  }
});
