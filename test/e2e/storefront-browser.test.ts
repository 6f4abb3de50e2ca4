/**
 * The storefront in a real (headless) Chromium, through the launcher's stack: search, a product
 * page, creating an account, the cart, checkout with a test card, and the order page following
 * the order live while the admin ships it. Chromium comes from the system (Debian's `chromium`,
 * or CHROMIUM_PATH); without one the file is skipped, unless REQUIRE_BROWSER=1.
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { chromium, type Browser, type Page } from 'playwright-core';
import { createCategory, createProduct, stockOf, type Product } from './support/catalog.js';
import { ship } from './support/customers.js';
import { launchShop, type Shop } from './support/shop.js';

const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const available = existsSync(executablePath);
if (!available && process.env.REQUIRE_BROWSER === '1')
  throw new Error(`REQUIRE_BROWSER=1 but there is no Chromium at ${executablePath}`);

describe('storefront in a browser', { skip: available ? false : `no Chromium at ${executablePath}` }, () => {
  let shop: Shop;
  let admin: string;
  let lamp: Product;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];

  before(async () => {
    shop = await launchShop('storefront');
    admin = await shop.adminToken();
    const outdoor = await createCategory(shop, admin, 'Outdoor');
    lamp = await createProduct(shop, admin, {
      name: 'Trail Lantern',
      price: 2999,
      categoryId: outdoor.id,
      brand: 'Lumen',
      onHand: 5,
    });
    browser = await chromium.launch({
      executablePath,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
    page = await browser.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.setDefaultTimeout(15_000);
  });

  after(async () => {
    await browser?.close();
    await shop?.stop();
  });

  test('a visitor finds a product by searching and sees its page', async () => {
    await page.goto(`${shop.stack.gatewayUrl}/`);
    await page.getByRole('searchbox', { name: 'Search products' }).fill('lantern');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await page.locator('a.card', { hasText: 'Trail Lantern' }).click();
    await page.getByRole('heading', { level: 1, name: 'Trail Lantern' }).waitFor();
    assert.match(await page.locator('main').innerText(), /29\.99/, 'the price is shown');
  });

  test('the visitor creates an account and is signed in', async () => {
    await page.getByRole('link', { name: 'Create account' }).click();
    await page.getByLabel('Name').fill('Ada');
    await page.getByLabel('Email').fill(`ada-${Date.now()}@shop.test`);
    await page.getByLabel(/^Password/).fill('a storefront passphrase 7');
    await page.getByRole('button', { name: 'Create my account' }).click();
    await page.getByRole('heading', { name: 'Welcome, Ada' }).waitFor();
    await page.getByRole('button', { name: 'Sign out' }).waitFor();
  });

  test('the product goes into the cart and is checked out with a card that is approved', async () => {
    await page.goto(`${shop.stack.gatewayUrl}/#/products/${lamp.id}`);
    await page.getByLabel('Quantity').fill('2');
    await page.getByRole('button', { name: 'Add to cart' }).click();
    await page.getByText('Added to your cart.').waitFor();

    await page.getByRole('link', { name: /^Cart/ }).click();
    await page.getByRole('heading', { name: 'Your cart' }).waitFor();
    await page.getByRole('button', { name: 'Check out' }).click();

    await page.getByRole('heading', { name: 'Checkout' }).waitFor();
    await page.getByLabel('Full name').fill('Ada Lovelace');
    await page.getByLabel('Address', { exact: true }).fill('12 Rue de Rivoli');
    await page.getByLabel('Postal code').fill('75001');
    await page.getByLabel('City').fill('Paris');
    await page.getByLabel(/^Country/).fill('FR');
    await page.getByLabel('Test card').selectOption('pm_card_visa');
    await page.getByRole('button', { name: 'Place order' }).click();

    await page.getByRole('heading', { name: /^Order / }).waitFor();
    await page.getByText('Paid', { exact: true }).first().waitFor();
    assert.deepEqual(
      await stockOf(shop, admin, lamp.id),
      { onHand: 3, reserved: 0 },
      'two units left the stock',
    );
  });

  test('the order page follows the order live as the admin ships it', async () => {
    const orderId = decodeURIComponent(new URL(page.url()).hash.replace('#/orders/', ''));
    await page.getByText('● live').waitFor();
    assert.equal(await page.getByText('Shipped', { exact: true }).count(), 0, 'not shipped yet');
    await ship(shop, admin, orderId, 'LP123456789FR');
    // No reload: the change arrives over the order's event stream.
    await page.getByText('Shipped', { exact: true }).first().waitFor();
    assert.match(await page.locator('main').innerText(), /LP123456789FR/, 'the tracking number is shown');
  });

  test('no script error happened on any page', () => {
    assert.deepEqual(pageErrors, []);
  });
});
