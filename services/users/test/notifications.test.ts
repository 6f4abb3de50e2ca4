import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { PgBossBus, type EventEnvelope } from '@shop/platform';
import { createTestDatabase, waitFor, type TestDatabase } from '@shop/platform/testing';
import pino from 'pino';
import { CaptureMailer } from '../src/adapters/capture-mailer.js';
import type { Mail, Mailer } from '../src/domain/mails.js';
import {
  backInStock,
  orderDelivered,
  orderPaid,
  orderShipped,
  retold,
  type Line,
} from './support/event-factory.js';
import {
  ProductsAdmin,
  sharedSigningKey,
  startProductsService,
  type ProductsService,
} from './products-service.js';
import {
  count,
  mailbox,
  signUp,
  signUpAs,
  startUsers,
  type SignedUp,
  type UsersUnderTest,
} from './support/users-under-test.js';

const log = pino({ level: 'silent' });

/** The capture mailer, made to fail on demand. */
class FlakyMailer implements Mailer {
  failures = 0;
  constructor(private readonly inner: Mailer) {}
  async send(mail: Mail): Promise<void> {
    if (this.failures > 0) {
      this.failures--;
      throw new Error('SMTP 451: try again later');
    }
    await this.inner.send(mail);
  }
}

describe('notification mails', () => {
  let keys: Awaited<ReturnType<typeof sharedSigningKey>>;
  let bus: TestDatabase;
  let products: ProductsService;
  let t: UsersUnderTest;
  let dataDir: string;
  let mailer: FlakyMailer;
  let publisher: PgBossBus;
  let catalog: ProductsAdmin;
  const lines: Line[] = [
    { productId: randomUUID(), name: 'Kettle', price: 3900 },
    { productId: randomUUID(), name: 'Teapot', price: 2500 },
  ];

  const publish = (...events: EventEnvelope[]) => publisher.publish(events);
  const mailsTo = async (who: SignedUp, subject: RegExp) =>
    (await mailbox(t, who.email)).filter((m) => subject.test(m.subject));
  /** Every event handled (so any mail it owes is written), then every owed mail sent. */
  const settled = async (...events: EventEnvelope[]) => {
    await waitFor(async () => {
      const handled = await count(
        t,
        `SELECT 1 FROM processed_events WHERE consumer = 'users.notifications' AND event_id = ANY($1)`,
        [events.map((e) => e.id)],
      );
      assert.equal(handled, events.length, 'events handled');
      const owed = await count(t, 'SELECT 1 FROM notifications WHERE sent_at IS NULL AND failed_at IS NULL');
      assert.equal(owed, 0, 'nothing left to send');
    });
  };

  before(async () => {
    keys = await sharedSigningKey();
    bus = await createTestDatabase('users_bus');
    products = await startProductsService({ busUrl: bus.url, jwksUrl: keys.jwksUrl });
    dataDir = await mkdtemp(join(tmpdir(), 'users-notifications-'));
    mailer = new FlakyMailer(new CaptureMailer(join(dataDir, 'mail'), 'Shop <no-reply@shop.local>'));
    t = await startUsers({
      bus,
      dataDir,
      env: { PRODUCTS_URL: products.url, NOTIFICATIONS_INTERVAL_MS: '200', ...keys.usersEnv },
      overrides: { mailer },
    });
    publisher = new PgBossBus({ connectionString: bus.url, log });
    await publisher.start();
    const admin = await signUpAs(t, ['admin']);
    catalog = new ProductsAdmin(products.url, () => admin.accessToken);
  });

  after(async () => {
    await publisher?.stop();
    await t?.close();
    await products?.stop();
    await bus?.drop();
    await keys?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  test('an order paid, shipped and delivered: one mail each, however often and by how many events told', async () => {
    const customer = await signUp(t, { name: 'Grace' });
    // A confirmed address is greeted by name (test setup: the link was followed).
    await t.db.query('UPDATE users SET email_verified = true WHERE id = $1', [customer.id]);
    const paid = orderPaid(customer.id, lines, new Date());
    const orderId = paid.payload.orderId;
    const shipped = orderShipped(customer.id, orderId, 'UPS', '1Z999AA10123456784');
    const delivered = orderDelivered(customer.id, orderId, lines);
    const told = [paid, retold(paid), shipped, retold(shipped), delivered, retold(delivered)];
    await publish(...told);
    await publish(paid, shipped);
    await settled(...told);

    const [paidMail, ...morePaid] = await mailsTo(customer, /^Thank you for your order/);
    assert.equal(morePaid.length, 0, 'one payment mail');
    assert.equal(paidMail!.subject, `Thank you for your order ${orderId}`);
    assert.match(paidMail!.text, /^Hello Grace,/);
    assert.match(paidMail!.text, /1 × Kettle {2}€39\.00/);
    assert.match(paidMail!.text, /1 × Teapot {2}€25\.00/);
    assert.match(paidMail!.text, /Total: €64\.00/);

    const shippedMails = await mailsTo(customer, /has shipped$/);
    assert.equal(shippedMails.length, 1, 'one shipping mail');
    assert.match(shippedMails[0]!.text, /^Hello Grace,/);
    assert.match(shippedMails[0]!.text, /with UPS\.\nTracking number: 1Z999AA10123456784/);
    const deliveredMails = await mailsTo(customer, /was delivered$/);
    assert.equal(deliveredMails.length, 1, 'one delivery mail');
    assert.match(deliveredMails[0]!.text, /1 × Kettle\n/);

    const { rows } = await t.db.query(
      'SELECT fact, kind, attempts, sent_at IS NOT NULL AS sent FROM notifications WHERE user_id = $1 ORDER BY kind',
      [customer.id],
    );
    assert.deepEqual(rows, [
      { fact: `order_delivered:${orderId}`, kind: 'order_delivered', attempts: 1, sent: true },
      { fact: `order_paid:${orderId}`, kind: 'order_paid', attempts: 1, sent: true },
      { fact: `order_shipped:${orderId}`, kind: 'order_shipped', attempts: 1, sent: true },
    ]);
  });

  test('a deleted account is mailed nothing, and nothing is kept for it', async () => {
    const customer = await signUp(t);
    const deleted = await t.app.inject({
      method: 'DELETE',
      url: '/api/v1/users/me',
      headers: customer.auth,
      payload: { password: customer.password },
    });
    assert.equal(deleted.statusCode, 204);
    const paid = orderPaid(customer.id, lines, new Date());
    await publish(paid);
    await settled(paid);
    assert.equal(await count(t, 'SELECT 1 FROM notifications WHERE user_id = $1', [customer.id]), 0);
    assert.equal((await mailsTo(customer, /order/)).length, 0);
  });

  test('a mail the server refuses is retried later, and sent once', async () => {
    const customer = await signUp(t);
    mailer.failures = 1;
    const paid = orderPaid(customer.id, lines, new Date());
    await publish(paid);
    const fact = `order_paid:${paid.payload.orderId}`;
    await waitFor(async () => {
      const { rows } = await t.db.query(
        'SELECT attempts, last_error, sent_at FROM notifications WHERE fact = $1',
        [fact],
      );
      assert.deepEqual(
        rows,
        [{ attempts: 1, last_error: 'SMTP 451: try again later', sent_at: null }],
        'failed once',
      );
    });
    assert.equal((await mailsTo(customer, /order/)).length, 0);
    // The backoff has passed.
    await t.db.query('UPDATE notifications SET next_attempt_at = now() WHERE fact = $1', [fact]);
    await settled(paid);
    assert.equal((await mailsTo(customer, /order/)).length, 1);
    assert.match(
      (await mailsTo(customer, /order/))[0]!.text,
      /^Hello,\n/,
      'an address not confirmed is not greeted with the name whoever registered it chose',
    );
    const { rows } = await t.db.query('SELECT attempts, last_error FROM notifications WHERE fact = $1', [
      fact,
    ]);
    assert.deepEqual(rows, [{ attempts: 2, last_error: null }]);
  });

  test('a favorite back in stock: each fan is told once; others and former fans are not', async () => {
    const kitchen = await catalog.category('Kitchen');
    const kettle = await catalog.product({ name: 'Copper kettle', categoryId: kitchen, stock: 0 });
    const [ada, bob, cy, dee] = [await signUp(t), await signUp(t), await signUp(t), await signUp(t)];
    for (const fan of [ada, bob, cy]) {
      const put = await t.app.inject({
        method: 'PUT',
        url: `/api/v1/users/me/favorites/${kettle.id}`,
        headers: fan.auth,
      });
      assert.equal(put.statusCode, 204);
    }
    await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/users/me/favorites/${kettle.id}`,
      headers: cy.auth,
    });

    await catalog.setStock(kettle.id, 5); // 0 → 5: products emits inventory.back_in_stock.v1
    for (const fan of [ada, bob]) {
      await waitFor(async () => {
        const mails = await mailsTo(fan, /back in stock$/);
        assert.equal(mails.length, 1, 'told once');
        assert.equal(mails[0]!.subject, 'Copper kettle is back in stock');
      });
    }
    // Dee favorites it after it came back: a restock told late or again is not news to her.
    const late = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/users/me/favorites/${kettle.id}`,
      headers: dee.auth,
    });
    assert.equal(late.statusCode, 204);
    // The same restock told again by another event, and a stale one: no second mail.
    const again = backInStock(kettle.id, 5, new Date(Date.now() - 1000));
    const stale = backInStock(kettle.id, 3, new Date(Date.now() - 3_600_000));
    await publish(again, stale);
    await settled(again, stale);
    for (const fan of [ada, bob]) assert.equal((await mailsTo(fan, /back in stock$/)).length, 1, 'one mail');
    for (const other of [cy, dee]) assert.equal((await mailsTo(other, /back in stock$/)).length, 0, 'none');
    assert.equal(
      await count(
        t,
        `SELECT 1 FROM notifications WHERE kind = 'back_in_stock' AND details->>'productId' = $1`,
        [kettle.id],
      ),
      2,
    );
  });
});
