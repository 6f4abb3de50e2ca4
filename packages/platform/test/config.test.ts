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
