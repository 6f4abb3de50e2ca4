import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, describe, test } from 'node:test';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import pino from 'pino';
import { NatsBus, type NatsBusOptions } from '../src/messaging/nats-bus.js';
import { waitFor, listening } from '@shop/platform/testing';
import type { EventEnvelope, EventHandler } from '@shop/platform';

/**
 * The NATS adapter as a service's replicas use it: several processes starting at the same moment
 * against the same streams, and consuming the same durable subscription. Runs against NATS_URL
 * or 127.0.0.1:4222 like nats-bus.test.ts (skipped without one unless REQUIRE_EXTERNAL_SERVICES=1),
 * each test on streams of its own (`streamPrefix`), deleted afterwards.
 */
const url = process.env.NATS_URL ?? 'nats://127.0.0.1:4222';
const required = process.env.REQUIRE_EXTERNAL_SERVICES === '1';
const reachable = await listening(url, 4222);
if (required) assert.ok(reachable, `NATS is required but does not answer at ${url}`);

const log = pino({ level: 'silent' });
const event = (type: string): EventEnvelope => ({
  id: randomUUID(),
  type,
  source: 'test',
  aggregateId: randomUUID(),
  occurredAt: new Date().toISOString(),
  payload: {},
});
const sorted = (ids: string[]) => [...ids].sort();
/** How many times each id occurs. */
const counts = (ids: string[]) => ids.reduce((all, id) => all.set(id, (all.get(id) ?? 0) + 1), new Map());

describe('NATS JetStream bus, several replicas', { skip: reachable ? false : `no NATS at ${url}` }, () => {
  const run = randomUUID().slice(0, 8);
  const prefixes: string[] = [];
  const buses: NatsBus[] = [];
  /** `count` replicas of one service on fresh streams of their own. */
  const replicas = (count: number, options: Partial<NatsBusOptions> = {}) => {
    const streamPrefix = `test_${run}_${prefixes.length}`;
    prefixes.push(streamPrefix);
    const started = Array.from(
      { length: count },
      () => new NatsBus({ servers: url, log, streamPrefix, ...options }),
    );
    buses.push(...started);
    return started;
  };

  after(async () => {
    for (const bus of buses) await bus.stop();
    const raw = await connect({ servers: url });
    const jsm = await jetstreamManager(raw);
    for (const prefix of prefixes)
      for (const stream of ['SHOP_EVENTS', 'SHOP_DEAD_LETTERS'])
        await jsm.streams.delete(`${prefix}_${stream}`).catch(() => false);
    await raw.close();
  });

  test('replicas starting at the same moment all start, declare and consume the same streams and consumers', async () => {
    const together = replicas(3);
    // None exists yet: all three look, find nothing and create the streams, then the consumers.
    await Promise.all(together.map((bus) => bus.start()));
    const type = `test_${run}.started.v1`;
    const subscription = { name: `test-${run}-together`, events: [type] };
    await Promise.all(together.map((bus) => bus.declare(subscription)));
    const handled: string[] = [];
    await Promise.all(together.map((bus) => bus.consume(subscription, async (e) => void handled.push(e.id))));
    const events = Array.from({ length: 9 }, () => event(type));
    await together[0]!.publish(events);
    await waitFor(() =>
      assert.deepEqual(sorted(handled), sorted(events.map((e) => e.id)), 'each handled once'),
    );
  });

  test('two replicas of a subscription split its events: each is handled once, by one of them', async () => {
    // ackWaitSeconds 1: a delivery left unanswered would come back within the test.
    const [a, b] = replicas(2, { ackWaitSeconds: 1 });
    await Promise.all([a!.start(), b!.start()]);
    const type = `test_${run}.shared.v1`;
    const subscription = { name: `test-${run}-shared`, events: [type] };
    const handledBy = { a: [] as string[], b: [] as string[] };
    const handler =
      (replica: keyof typeof handledBy): EventHandler =>
      async (e) => {
        await sleep(5); // a handler takes a moment, so that one replica cannot take them all
        handledBy[replica].push(e.id);
      };
    await Promise.all([a!.consume(subscription, handler('a')), b!.consume(subscription, handler('b'))]);
    const events = Array.from({ length: 30 }, () => event(type));
    await a!.publish(events.slice(0, 15));
    await b!.publish(events.slice(15));
    const all = () => [...handledBy.a, ...handledBy.b];
    await waitFor(() => assert.equal(all().length, events.length, 'all handled'));
    await sleep(1_500); // past ack_wait: nothing comes again
    assert.deepEqual(sorted(all()), sorted(events.map((e) => e.id)), 'each event handled exactly once');
    assert.ok(handledBy.a.length > 0 && handledBy.b.length > 0, 'both replicas took a share');
  });

  test("a failing handler's events are dead-lettered once (not once per replica) and replayed once", async () => {
    const [a, b] = replicas(2, { retryLimit: 1, ackWaitSeconds: 1 });
    await Promise.all([a!.start(), b!.start()]);
    const type = `test_${run}.failing.v1`;
    const subscription = { name: `test-${run}-failing`, events: [type] };
    let fail = true;
    const attempts: string[] = [];
    const handled: string[] = [];
    const handler: EventHandler = async (e) => {
      attempts.push(e.id);
      if (fail) throw new Error('broken downstream');
      handled.push(e.id);
    };
    await Promise.all([a!.consume(subscription, handler), b!.consume(subscription, handler)]);
    const poisoned = [event(type), event(type), event(type)];
    await a!.publish(poisoned);
    const ids = sorted(poisoned.map((e) => e.id));

    await waitFor(
      async () => assert.equal((await a!.deadLetters([subscription.name])).length, 3, 'all dead-lettered'),
      { timeoutMs: 20_000 },
    );
    await sleep(1_500); // past ack_wait: a dead letter's event is not delivered again
    for (const bus of [a!, b!]) {
      const letters = await bus.deadLetters([subscription.name]);
      assert.deepEqual(
        sorted(letters.map((l) => l.event.id)),
        ids,
        'one dead letter per event, seen by both',
      );
      for (const letter of letters) assert.match(letter.error ?? '', /broken downstream/);
    }
    for (const [id, times] of counts(attempts))
      assert.equal(times, 2, `${id}: retryLimit 1 means two deliveries in all, across both replicas`);

    fail = false;
    const letters = await a!.deadLetters([subscription.name]);
    for (const letter of letters) {
      // An admin's replay reaching both replicas at once (a retried request) still replays it once.
      const replayed = await Promise.all([
        a!.replayDeadLetter(subscription.name, letter.id),
        b!.replayDeadLetter(subscription.name, letter.id),
      ]);
      assert.ok(replayed.includes(true), 'replayed');
    }
    await waitFor(() => assert.deepEqual(sorted(handled), ids, 'each replayed event handled'));
    await sleep(1_500);
    assert.deepEqual(sorted(handled), ids, 'each replayed event handled once, by one replica');
    assert.deepEqual(await b!.deadLetters([subscription.name]), []);
  });
});
