import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { decodeJwt } from 'jose';
import {
  createApp,
  createGuards,
  createPool,
  createTokenVerifier,
  runMigrations,
  SessionRevocations,
  withTransaction,
  type Pool,
} from '@shop/platform';
import { createTestDatabase, createTestIssuer, waitFor, type TestDatabase } from '@shop/platform/testing';

const log = { warn: () => undefined, info: () => undefined, error: () => undefined } as never;

describe('session revocations', () => {
  let db: TestDatabase;
  let pool: Pool;
  const replicas: SessionRevocations[] = [];
  before(async () => {
    db = await createTestDatabase('revocations');
    pool = createPool({ connectionString: db.url, max: 4, applicationName: 'test' });
    await runMigrations(pool);
  });
  after(async () => {
    for (const replica of replicas) await replica.stop();
    await pool.end();
    await db.drop();
  });
  const replica = async () => {
    const revocations = new SessionRevocations({ pool, connectionString: db.url, log, refreshMs: 60_000 });
    await revocations.start();
    replicas.push(revocations);
    return revocations;
  };

  it('reaches every replica at commit, refuses the session in the guards, and survives a restart', async () => {
    const [one, two] = [await replica(), await replica()];
    const issuer = await createTestIssuer();
    const token = await issuer.userToken('user-1');
    const other = await issuer.userToken('user-1');
    const sid = decodeJwt(token).sid as string;
    const app = await createApp({ service: 'test', logLevel: 'silent' });
    const guards = createGuards(createTokenVerifier({ jwks: issuer.jwks, issuer: issuer.issuer }), {
      service: 'test',
      isRevoked: (sessionId) => two.isRevoked(sessionId),
    });
    app.get('/me', { onRequest: guards.user }, async (request) => ({ who: request.principal?.subject }));
    const call = async (bearer: string) =>
      app.inject({ method: 'GET', url: '/me', headers: { authorization: `Bearer ${bearer}` } });
    assert.equal((await call(token)).statusCode, 200, 'a live session');

    const heard: string[][] = [];
    two.onRevoked((ids) => heard.push(ids));
    // One replica's consumer records it; the other learns it from NOTIFY at commit.
    const inTransaction = withTransaction(pool, (tx) =>
      one.record(tx, { userId: 'user-1', sessionIds: [sid], revokedAt: new Date().toISOString() }),
    );
    assert.equal(two.isRevoked(sid), false, 'nothing is known before the commit');
    await inTransaction;
    await waitFor(() => assert.equal(two.isRevoked(sid), true, 'the other replica heard it'));
    assert.deepEqual(heard, [[sid]]);

    const refused = await call(token);
    assert.equal(refused.statusCode, 401);
    assert.equal(refused.json().code, 'session_ended');
    assert.equal((await call(other)).statusCode, 200, 'another session of the same user goes on');

    const restarted = await replica();
    assert.equal(restarted.isRevoked(sid), true, 'a replica started later reads it from the table');
    // Recording the same revocation again (a redelivered event) changes nothing.
    await withTransaction(pool, (tx) =>
      one.record(tx, { userId: 'user-1', sessionIds: [sid], revokedAt: new Date().toISOString() }),
    );
    const { rows } = await pool.query('SELECT count(*)::int AS n FROM revoked_sessions');
    assert.equal(rows[0].n, 1);
    await app.close();
  });

  it('forgets a revocation once every token of the session has expired', async () => {
    const short = new SessionRevocations({ pool, connectionString: db.url, log, retainSeconds: 1 });
    replicas.push(short);
    await short.start();
    const ids = Array.from({ length: 400 }, (_, i) => `bulk-${i}`);
    await withTransaction(pool, (tx) =>
      short.record(tx, { userId: 'user-2', sessionIds: ids, revokedAt: new Date().toISOString() }),
    );
    await waitFor(() => assert.equal(short.isRevoked('bulk-399'), true, 'a long list arrives in batches'));
    await new Promise((resolve) => setTimeout(resolve, 1200));
    assert.equal(short.isRevoked('bulk-0'), false, 'past its retention');
  });

  it('a periodic read keeps what a notice told, even when the read did not see its row', async () => {
    const reading = new SessionRevocations({ pool, connectionString: db.url, log, refreshMs: 50 });
    replicas.push(reading);
    await reading.start();
    // A notice whose row the next read will not find: as when the read began before the commit.
    await pool.query(`SELECT pg_notify('sessions_revoked', 'heard-only')`);
    await waitFor(() => assert.equal(reading.isRevoked('heard-only'), true, 'the notice was heard'));
    await new Promise((resolve) => setTimeout(resolve, 300)); // several reads
    assert.equal(reading.isRevoked('heard-only'), true, 'a read does not forget it');
  });
});
