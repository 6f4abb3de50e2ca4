/**
 * The two buses the scale-out suite runs on, and what each needs around it: NATS JetStream with
 * an external PostgreSQL (skipped, loudly, when either is missing, unless
 * REQUIRE_EXTERNAL_SERVICES=1), or the embedded default, pg-boss, on TEST_DATABASE_URL's server.
 */
import { listening } from '@shop/platform/testing';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import pg from 'pg';
import type { LaunchOptions } from './shop.js';

export type Engine = 'nats' | 'pgboss';

export interface EngineSetup {
  engine: Engine;
  /** Why the suite cannot run here; false when it can. */
  skip: string | false;
  /** What launchShop needs for this bus (busUrl, busUrlParams, the databases' server). */
  launch: Pick<LaunchOptions, 'busUrl' | 'busUrlParams' | 'postgresUrl'>;
  /** Deliveries of a failing event before it is dead-lettered, as the bus is set up here. */
  deliveriesBeforeDeadLetter: number;
  /** Removes what the run left outside its stack (the NATS streams). */
  cleanup(): Promise<void>;
}

const NATS_URL = process.env.NATS_URL ?? 'nats://127.0.0.1:4222';
const EXTERNAL_POSTGRES =
  process.env.TEST_DATABASE_URL_EXTERNAL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
/** Retries before a failing event is dead-lettered, on either bus (BUS_URL settings). */
const NATS_RETRY_LIMIT = 2;
const PG_BOSS_RETRY_LIMIT = 2;

export async function prepareEngine(engine: Engine): Promise<EngineSetup> {
  if (engine === 'pgboss') {
    return {
      engine,
      skip: false,
      // Deliveries a killed consumer held come back within seconds, not a minute (see event-faults).
      launch: {
        busUrlParams: {
          expireInSeconds: 10,
          maintenanceIntervalSeconds: 1,
          retryLimit: PG_BOSS_RETRY_LIMIT,
          retryDelaySeconds: 1,
        },
      },
      deliveriesBeforeDeadLetter: PG_BOSS_RETRY_LIMIT + 1,
      cleanup: async () => undefined,
    };
  }
  const required = process.env.REQUIRE_EXTERNAL_SERVICES === '1';
  const missing = [
    ...((await listening(NATS_URL, 4222)) ? [] : [`no NATS at ${NATS_URL}`]),
    ...((await postgresAnswers(EXTERNAL_POSTGRES))
      ? []
      : [`no PostgreSQL at ${redacted(EXTERNAL_POSTGRES)}`]),
  ];
  if (required) assert.deepEqual(missing, [], `REQUIRE_EXTERNAL_SERVICES=1, but: ${missing.join('; ')}`);
  if (missing.length > 0) {
    const why = `${missing.join('; ')} (set REQUIRE_EXTERNAL_SERVICES=1 to fail instead)`;
    console.log(`\n*** SKIPPING the scale-out suite on NATS JetStream: ${why} ***\n`);
    return { engine, skip: why, launch: {}, deliveriesBeforeDeadLetter: 0, cleanup: async () => undefined };
  }
  // This run's own streams on the shared server: <prefix>_SHOP_EVENTS and <prefix>_SHOP_DEAD_LETTERS.
  const streamPrefix = `e2e_scale_${randomBytes(4).toString('hex')}`;
  const busUrl = new URL(NATS_URL);
  busUrl.searchParams.set('streamPrefix', streamPrefix);
  return {
    engine,
    skip: false,
    launch: {
      busUrl: busUrl.toString(),
      // A failing event is dead-lettered after 3 deliveries (1 s, 2 s apart); what a killed
      // consumer held comes back after 10 s.
      busUrlParams: { retryLimit: NATS_RETRY_LIMIT, ackWaitSeconds: 10 },
      postgresUrl: EXTERNAL_POSTGRES,
    },
    deliveriesBeforeDeadLetter: NATS_RETRY_LIMIT + 1,
    cleanup: () => deleteStreams(streamPrefix),
  };
}

async function deleteStreams(streamPrefix: string): Promise<void> {
  const connection = await connect({ servers: NATS_URL });
  try {
    const jsm = await jetstreamManager(connection);
    for (const stream of ['SHOP_EVENTS', 'SHOP_DEAD_LETTERS']) {
      await jsm.streams.delete(`${streamPrefix}_${stream}`).catch(() => false);
    }
  } finally {
    await connection.close();
  }
}

async function postgresAnswers(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

function redacted(url: string): string {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = '***';
  return parsed.toString();
}
