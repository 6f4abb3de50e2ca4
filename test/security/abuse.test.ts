/**
 * The security suite: attacks by one client (or one account) on a whole shop started by the
 * launcher, through its gateway, each checking that everyone else is still served and nothing
 * leaked. The groups live in attacks/ (one module per area, exporting `attacks`); each prints what
 * it tried (`ℹ tried: …`).
 * SECURITY_ATTACKS=users,orders runs only those groups.
 */
import { readdir } from 'node:fs/promises';
import { after, before, describe } from 'node:test';
import { launchShop, type Shop } from '../e2e/support/shop.js';
import { SUITE_ENV, type AttackGroup } from './support/attack.js';

// Every module in attacks/ exports its group as `attacks`; they run in the order of their names.
const folder = new URL('./attacks/', import.meta.url);
const modules = (await readdir(folder)).filter((name) => name.endsWith('.ts')).sort();
const groups = await Promise.all(
  modules.map(
    async (name) => ((await import(new URL(name, folder).href)) as { attacks: AttackGroup }).attacks,
  ),
);

const only = process.env.SECURITY_ATTACKS?.split(',').map((name) => name.trim());
const selected = groups.filter((group) => !only || only.includes(group.name));

describe('security: one client against everyone', () => {
  let shop: Shop | undefined;
  before(async () => {
    const env = Object.assign({}, SUITE_ENV, ...selected.map((group) => group.env ?? {})) as Record<
      string,
      string
    >;
    shop = await launchShop('security', { env });
  });
  after(async () => {
    await shop?.stop();
  });
  const running = () => {
    if (!shop) throw new Error('the stack did not start');
    return shop;
  };
  for (const group of selected) describe(group.name, () => group.register(running));
});
