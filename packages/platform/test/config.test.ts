import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Type } from 'typebox';
import { ConfigError, commonConfig, loadConfig } from '@shop/platform';

const schema = Type.Object({ ...commonConfig, FEATURE_ENABLED: Type.Boolean({ default: false }) });

test('config is converted to the declared types, with defaults, and frozen', () => {
  const config = loadConfig(schema, {
    DATABASE_URL: 'postgres://x/y',
    PORT: '3001',
    FEATURE_ENABLED: 'true',
  });
  assert.equal(config.PORT, 3001);
  assert.equal(config.FEATURE_ENABLED, true);
  assert.equal(config.HOST, '127.0.0.1');
  assert.equal(config.LOG_LEVEL, 'info');
  assert.ok(Object.isFrozen(config));
});

test('every bad variable is named in one start-up error', () => {
  assert.throws(
    () => loadConfig(schema, { PORT: 'eighty', LOG_LEVEL: 'loud' }),
    (error: unknown) => {
      assert.ok(error instanceof ConfigError);
      const text = error.problems.join('\n');
      assert.match(text, /DATABASE_URL is required/);
      assert.match(text, /PORT .*"eighty"/);
      assert.match(text, /LOG_LEVEL/);
      return true;
    },
  );
});

test('a bad secret is named but never shown, nor the password of a URL', () => {
  const secrets = Type.Object({
    SERVICE_CLIENT_SECRET: Type.String({ minLength: 16 }),
    SANDBOX_API_KEY: Type.String({ pattern: '^sk_test_' }),
    SMTP_URL: Type.String({ pattern: '^smtps?://' }),
    ACCESS_TOKEN_TTL_SECONDS: Type.Integer({ minimum: 1 }),
  });
  assert.throws(
    () =>
      loadConfig(secrets, {
        SERVICE_CLIENT_SECRET: 'hunter2',
        SANDBOX_API_KEY: 'sk_live_51Hlivekey',
        SMTP_URL: 'smpt://mailer:p4ssw0rd@mail.example',
        ACCESS_TOKEN_TTL_SECONDS: '0',
      }),
    (error: unknown) => {
      assert.ok(error instanceof ConfigError);
      const text = error.message;
      assert.match(text, /SERVICE_CLIENT_SECRET .*\(got 7 characters, not shown\)/);
      assert.match(text, /SANDBOX_API_KEY .*\(got 18 characters, not shown\)/);
      assert.match(text, /SMTP_URL .*\(got "smpt:\/\/mailer:\*\*\*@mail.example"\)/);
      assert.match(text, /ACCESS_TOKEN_TTL_SECONDS .*\(got "0"\)/, 'settings about secrets are shown');
      for (const secret of ['hunter2', 'sk_live_51Hlivekey', 'p4ssw0rd'])
        assert.ok(!text.includes(secret), secret);
      return true;
    },
  );
});
