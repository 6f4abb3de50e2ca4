export { startStack, ROOT, type Stack, type StackOptions } from './stack.js';
export { LauncherError } from './errors.js';
export { SERVICES, type ServiceName } from './service-catalog.js';
export type { DatabaseName } from './databases.js';
