import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const services = ['users', 'products', 'orders', 'gateway', 'payments-sandbox'];
const domainPatterns = [
  { group: ['fastify', 'fastify/*', '@fastify/*'], message: 'domain/ must not import the web framework.' },
  {
    group: ['pg', 'kysely', 'pg-boss', 'undici', 'nats', '@nats-io/*', 'ioredis', 'stripe'],
    message: 'domain/ must not import drivers or SDKs.',
  },
  {
    group: ['**/api/*', '**/data/*', '**/messaging/*'],
    message: 'domain/ must not import the layers around it.',
  },
];
// The barrel loads Fastify, pg and the bus adapters; domain/ takes errors and ids from the kit.
const domainPaths = ['@shop/platform', '@shop/platform/testing'].map((name) => ({
  name,
  message:
    "domain/ imports '@shop/platform/domain' (errors, ids, event shapes), not a module that loads frameworks and drivers.",
}));
// The storefront runs in the browser as plain ES modules: browser globals only (Node's are turned off).
const browserOnly = {
  ...Object.fromEntries(
    Object.keys(globals.node)
      .filter((name) => !(name in globals.browser))
      .map((name) => [name, 'off']),
  ),
  ...globals.browser,
};

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', '.data/**', '.bench/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-restricted-syntax': [
        'error',
        { selector: 'TSEnumDeclaration', message: 'Use a union of string literals.' },
      ],
    },
  },
  // A service never imports another service (shared code lives in packages/), and its
  // domain speaks business, not frameworks or drivers.
  ...services.flatMap((name) => {
    const otherServices = services
      .filter((other) => other !== name)
      .map((other) => ({
        group: [`**/services/${other}/**`, `../../${other}/**`, `@shop/${other}`, `@shop/${other}/*`],
        message: `services/${name} must not import services/${other}: talk over HTTP or events.`,
      }));
    return [
      {
        files: [`services/${name}/**/*.ts`],
        rules: { 'no-restricted-imports': ['error', { patterns: otherServices }] },
      },
      {
        files: [`services/${name}/src/domain/**/*.ts`],
        rules: {
          'no-restricted-imports': [
            'error',
            { paths: domainPaths, patterns: [...otherServices, ...domainPatterns] },
          ],
        },
      },
    ];
  }),
  // The storefront: JavaScript checked by tsc through JSDoc (`// @ts-check`), so no TypeScript syntax
  // rules; it imports only its own files (the browser loads nothing else).
  {
    files: ['services/gateway/public/**/*.js'],
    languageOptions: { sourceType: 'module', globals: browserOnly },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'off',
      'no-restricted-imports': [
        'error',
        { patterns: [{ regex: '^[^.]', message: 'The storefront loads only its own modules (./ or ../).' }] },
      ],
    },
  },
);
