export { createTestDatabase, type TestDatabase } from './test-database.js';
export { createTestIssuer, type TestIssuer } from './test-keys.js';
export { waitFor } from './wait-for.js';
export { listening } from './listening.js';
