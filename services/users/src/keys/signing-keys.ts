import { join } from 'node:path';
import type { Config } from '../config.js';
import { keyRingFromConfig } from './configured-keys.js';
import { KeyFiles } from './key-files.js';
import type { KeyRing } from './key-ring.js';

/**
 * The key ring from JWT_SIGNING_KEYS (production, any number of replicas), or else from
 * DATA_DIR/keys (the embedded default), which also answers how to rotate it over time.
 */
export async function signingKeys(
  config: Config,
  clock: () => Date,
): Promise<{ ring: KeyRing; rotate: (() => Promise<unknown>) | undefined }> {
  if (config.JWT_SIGNING_KEYS)
    return { ring: await keyRingFromConfig(config.JWT_SIGNING_KEYS), rotate: undefined };
  const files = new KeyFiles({
    directory: join(config.DATA_DIR, 'keys'),
    rotateAfterMs: config.KEY_ROTATION_DAYS * 86_400_000,
    // Its last tokens expire, plus the verifiers' clock tolerance and a margin.
    keepRetiredMs: (config.ACCESS_TOKEN_TTL_SECONDS + 65) * 1000,
    // Verifiers cache the JWKS for up to 10 minutes.
    publishAheadMs: 15 * 60_000,
    clock,
  });
  return { ring: await files.sync(), rotate: () => files.sync() };
}
