import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import pino from 'pino';
import { NatsBus } from '../src/messaging/nats-bus.js';
import { waitFor, listening } from '@shop/platform/testing';
import type { EventEnvelope } from '@shop/platform';

/**
 * The scale-out adapter against a real NATS JetStream server: NATS_URL, or the one
 * on 127.0.0.1:4222 when it answers. Skipped when none is there, unless
 * REQUIRE_EXTERNAL_SERVICES=1 (CI on machines that run NATS sets it).
 */
const url = process.env.NATS_URL ?? 'nats://127.0.0.1:4222';
const required = process.env.REQUIRE_EXTERNAL_SERVICES === '1';
const reachable = await listening(url, 4222);
if (required) assert.ok(reachable, `NATS is required but does not answer at ${url}`);

const log = pino({ level: 'silent' });
const event = (type: string, payload: unknown = {}): EventEnvelope => ({
  id: randomUUID(),
  type,
  source: 'test',
  aggregateId: 'a1',
  occurredAt: new Date().toISOString(),
  payload,
});

describe('NATS JetStream bus', { skip: reachable ? false : `no NATS at ${url}` }, () => {
  let bus: NatsBus;
  const run = randomUUID().slice(0, 8);
  // Streams and subjects of this run only (`<prefix>_SHOP_EVENTS` keeping `<prefix>.events.>`, …): other
  // runs, and a whole shop on the default streams, may share the server.
  const streamPrefix = `test_${run}`;

  before(async () => {
    bus = new NatsBus({ servers: url, log, retryLimit: 1, streamPrefix });
    await bus.start();
  });
  after(async () => {
    await bus.stop();
    const raw = await connect({ servers: url });
    const jsm = await jetstreamManager(raw);
    for (const stream of ['SHOP_EVENTS', 'SHOP_DEAD_LETTERS'])
      await jsm.streams.delete(`${streamPrefix}_${stream}`).catch(() => false);
    await raw.close();
  });

  test('delivers each event once to each subscription, dedupes republished ids, keeps events for a declared subscription', async () => {
    const type = `test_${run}.happened.v1`;
    const received: Record<string, string[]> = { a: [], b: [] };
    // Declared before publishing, consumed after: the events must wait for it.
    await bus.declare({ name: `test-${run}-b`, events: [type] });
    await bus.consume({ name: `test-${run}-a`, events: [type] }, async (e) => void received.a!.push(e.id));
    const first = event(type);
    const second = event(type);
    await bus.publish([first, second]);
    await bus.publish([first]); // the relay publishing twice
    await bus.consume({ name: `test-${run}-b`, events: [type] }, async (e) => void received.b!.push(e.id));
    await waitFor(() => {
      assert.deepEqual(
        [...received.a!].sort(),
        [first.id, second.id].sort(),
        'subscription a got both, once',
      );
      assert.deepEqual(
        [...received.b!].sort(),
        [first.id, second.id].sort(),
        'subscription b got both, once',
      );
    });
  });

  test('a failing handler ends in the dead-letter store and can be replayed to its subscription only', async () => {
    const type = `test_${run}.failed.v1`;
    let fail = true;
    const handled: string[] = [];
    const other: string[] = [];
    const name = `test-${run}-flaky`;
    await bus.consume({ name, events: [type] }, async (e) => {
      if (fail) throw new Error('broken downstream');
      handled.push(e.id);
    });
    await bus.consume({ name: `test-${run}-other`, events: [type] }, async (e) => void other.push(e.id));
    const poisoned = event(type);
    await bus.publish([poisoned]);
    const letters = await waitFor(
      async () => {
        const found = await bus.deadLetters([name]);
        assert.equal(found.length, 1, 'dead-lettered after its retries');
        return found;
      },
      { timeoutMs: 20_000 },
    );
    assert.equal(letters[0]!.event.id, poisoned.id);
    assert.match(letters[0]!.error ?? '', /broken downstream/);
    fail = false;
    assert.equal(await bus.replayDeadLetter(name, letters[0]!.id), true);
    await waitFor(() => assert.deepEqual(handled, [poisoned.id], 'replayed to the failing subscription'));
    assert.deepEqual(other, [poisoned.id], 'the other subscription saw it once, not again on replay');
    assert.deepEqual(await bus.deadLetters([name]), []);
  });

  test('an event its consumers kept dying on is dead-lettered at its next delivery, not dropped', async () => {
    // Quick redelivery: a delivery nobody answers is handed out again after 1 s.
    const quick = new NatsBus({ servers: url, log, retryLimit: 1, ackWaitSeconds: 1, streamPrefix });
    await quick.start();
    try {
      const type = `test_${run}.deadly.v1`;
      const subscription = { name: `test-${run}-crashing`, events: [type] };
      await quick.declare(subscription);
      const deadly = event(type);
      await quick.publish([deadly]);

      // Two consumers that die mid-handler (retryLimit 1 → 2 deliveries): each takes the delivery and
      // never answers. The durable consumer's name is the bus's: `<subscription>__<type>`, tokenised.
      const raw = await connect({ servers: url });
      const durable = `${subscription.name}__${type}`.replace(/[^A-Za-z0-9_-]/g, '_');
      const consumer = await jetstream(raw).consumers.get(`${streamPrefix}_SHOP_EVENTS`, durable);
      for (let delivery = 1; delivery <= 2; delivery++) {
        const message = await consumer.next({ expires: 5_000 });
        assert.equal(message?.info.deliveryCount, delivery, `delivery ${delivery} taken and dropped`);
        await new Promise((resolve) => setTimeout(resolve, 1_200)); // past ack_wait
      }
      await raw.close();

      const handled: string[] = [];
      await quick.consume(subscription, async (e) => void handled.push(e.id));
      const letters = await waitFor(
        async () => {
          const found = await quick.deadLetters([subscription.name]);
          assert.equal(found.length, 1, 'dead-lettered on its third delivery');
          return found;
        },
        { timeoutMs: 15_000 },
      );
      assert.equal(letters[0]!.event.id, deadly.id);
      assert.match(letters[0]!.error ?? '', /without an acknowledgement/);
      assert.deepEqual(handled, [], 'not handed to a handler a third time');
      await new Promise((resolve) => setTimeout(resolve, 1_500)); // past ack_wait again
      const later = await quick.deadLetters([subscription.name]);
      assert.equal(later.length, 1, 'terminated once dead-lettered: not delivered (and dead-lettered) again');
      const admin = await connect({ servers: url });
      const jsm = await jetstreamManager(admin);
      const state = await jsm.consumers.info(`${streamPrefix}_SHOP_EVENTS`, durable);
      await admin.close();
      assert.equal(state.num_ack_pending, 0, 'terminated: no delivery of it waits for an answer');
    } finally {
      await quick.stop();
    }
  });

  test("a message whose event is not of its subject's type is dead-lettered, never handled", async () => {
    const type = `test_${run}.ordered.v1`;
    const name = `test-${run}-subjects`;
    const handled: string[] = [];
    await bus.consume({ name, events: [type] }, async (e) => void handled.push(e.id));
    // Someone allowed to publish this subject sends an event of another type inside it.
    const raw = await connect({ servers: url });
    const forged = event(`test_${run}.refunded.v1`);
    await jetstream(raw).publish(
      `${streamPrefix}.events.${type}`,
      new TextEncoder().encode(JSON.stringify(forged)),
    );
    const honest = event(type);
    await bus.publish([honest]);
    await raw.close();
    await waitFor(() => assert.deepEqual(handled, [honest.id], 'only the honest event was handled'));
    const letters = await waitFor(async () => {
      const found = await bus.deadLetters([name]);
      assert.equal(found.length, 1, 'the forged one is kept for an admin to look at');
      return found;
    });
    assert.equal(letters[0]!.event.id, forged.id);
    assert.match(letters[0]!.error ?? '', /arrived on events\./);
  });
});
