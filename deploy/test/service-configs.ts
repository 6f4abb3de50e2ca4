/**
 * Each service's own configuration schema and loader: the manifests are checked against what
 * the code reads, so a variable added to a service without its manifest fails here.
 */
import * as gateway from '../../services/gateway/src/config.js';
import * as orders from '../../services/orders/src/config.js';
import * as sandbox from '../../services/payments-sandbox/src/config.js';
import * as products from '../../services/products/src/config.js';
import * as users from '../../services/users/src/config.js';

interface ObjectSchema {
  properties: Record<string, object>;
  required?: string[];
}

export interface ServiceConfig {
  schema: ObjectSchema;
  /** Throws the service's own ConfigError when the environment would stop it at start. */
  load(env: NodeJS.ProcessEnv): unknown;
}

export const SERVICE_CONFIGS: Record<string, ServiceConfig> = {
  users: { schema: users.ConfigSchema, load: users.loadConfig },
  products: { schema: products.ConfigSchema, load: products.loadConfig },
  orders: { schema: orders.ConfigSchema, load: orders.loadConfig },
  gateway: { schema: gateway.ConfigSchema, load: gateway.loadConfig },
  'payments-sandbox': { schema: sandbox.ConfigSchema, load: sandbox.loadConfig },
};

/** Variables the service cannot start without: required and with no default. */
export function requiredVariables({ schema }: ServiceConfig): string[] {
  return (schema.required ?? []).filter((key) => !('default' in (schema.properties[key] ?? {})));
}

export function knownVariables({ schema }: ServiceConfig): Set<string> {
  return new Set(Object.keys(schema.properties));
}
