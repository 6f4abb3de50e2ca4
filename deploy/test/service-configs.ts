/**
 * Each service's own configuration schema and loader: the manifests are checked against what
 * the code reads, so a variable added to a service without its manifest fails here.
 */
import { configSchema as gatewaySchema, loadGatewayConfig } from '../../services/gateway/src/config.js';
import {
  ConfigSchema as ordersSchema,
  loadConfig as loadOrdersConfig,
} from '../../services/orders/src/config.js';
import {
  configSchema as sandboxSchema,
  loadSandboxConfig,
} from '../../services/payments-sandbox/src/config.js';
import { ProductsConfigSchema, loadProductsConfig } from '../../services/products/src/config.js';
import {
  ConfigSchema as usersSchema,
  loadConfig as loadUsersConfig,
} from '../../services/users/src/config.js';

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
  users: { schema: usersSchema, load: loadUsersConfig },
  products: { schema: ProductsConfigSchema, load: loadProductsConfig },
  orders: { schema: ordersSchema, load: loadOrdersConfig },
  gateway: { schema: gatewaySchema, load: loadGatewayConfig },
  'payments-sandbox': { schema: sandboxSchema, load: loadSandboxConfig },
};

/** Variables the service cannot start without: required and with no default. */
export function requiredVariables({ schema }: ServiceConfig): string[] {
  return (schema.required ?? []).filter((key) => !('default' in (schema.properties[key] ?? {})));
}

export function knownVariables({ schema }: ServiceConfig): Set<string> {
  return new Set(Object.keys(schema.properties));
}
