import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** Secrets the services share with each other in the embedded setup, kept per data folder. */
export interface StackSecrets {
  /** Client-credentials secrets of the services that call /internal routes. */
  clients: Record<'users' | 'products' | 'orders', string>;
  /** The payment sandbox's API key, which orders uses as its Stripe secret key. */
  stripeSecretKey: string;
  /** Signs the sandbox's webhooks; orders verifies them. */
  webhookSecret: string;
  /**
   * The private Ed25519 JWK users signs access tokens with when it runs as several replicas
   * (JWT_SIGNING_KEYS): one replica alone keeps its rotating keys in its data folder instead.
   */
  signingKey?: Record<string, unknown>;
}

// Hex: every consumer accepts it (Stripe-style keys allow no dashes).
const random = (bytes = 24) => randomBytes(bytes).toString('hex');

/**
 * Generated on first start and persisted, so restarts keep tokens and webhooks valid. The signing
 * key is added the first time a stack with replicas needs it.
 */
export async function loadSecrets(dataDir: string, needs: { signingKey: boolean }): Promise<StackSecrets> {
  const path = join(dataDir, 'secrets.json');
  let secrets: StackSecrets | undefined;
  try {
    secrets = JSON.parse(await readFile(path, 'utf8')) as StackSecrets;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  if (secrets && (secrets.signingKey || !needs.signingKey)) return secrets;
  secrets ??= {
    clients: { users: random(), products: random(), orders: random() },
    stripeSecretKey: `sk_test_${random()}`,
    webhookSecret: `whsec_${random()}`,
  };
  if (needs.signingKey) {
    const { privateKey } = generateKeyPairSync('ed25519');
    secrets.signingKey = privateKey.export({ format: 'jwk' }) as Record<string, unknown>;
  }
  await writeFile(path, `${JSON.stringify(secrets, null, 2)}\n`, { mode: 0o600 });
  return secrets;
}
