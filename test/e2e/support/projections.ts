/**
 * What each service has built from other services' events (its projections), read from its
 * database in a stable order, so that two readings can be compared: after one in-order delivery
 * and after every event again, twice and shuffled, they must be identical. Bookkeeping that
 * legitimately moves with each delivery (inbox rows, `updated_at`) is left out.
 */
import type { DatabaseName } from '@shop/launcher';
import type { ShopDatabases } from './databases.js';

const TABLES: Record<Exclude<DatabaseName, 'bus'>, Record<string, string>> = {
  users: {
    purchases: `SELECT order_id, product_id, user_id, quantity, paid_at FROM purchases ORDER BY 1, 2`,
    itemPairs: `SELECT product_id, related_id, score::text FROM item_pairs ORDER BY 1, 2`,
    catalog: `SELECT product_id, name, category_id, brand, status, version, popularity::text
              FROM catalog_products ORDER BY 1`,
    reviewSignals: `SELECT review_id, user_id, product_id, rating, reviewed_at, deleted
                    FROM review_signals ORDER BY 1`,
    notifications: `SELECT fact, user_id, kind, details, sent_at IS NOT NULL AS sent FROM notifications ORDER BY 1`,
    stockAlerts: `SELECT user_id, product_id, alerted_at FROM stock_alerts ORDER BY 1, 2`,
    favorites: `SELECT user_id, product_id FROM favorites ORDER BY 1, 2`,
  },
  products: {
    purchaseOrders: `SELECT order_id, product_ids, bought, revoked FROM purchase_orders ORDER BY 1`,
    purchases: `SELECT user_id, product_id, order_id, purchased_at FROM purchases ORDER BY 1, 2, 3`,
    coPurchases: `SELECT product_id, related_id, orders FROM co_purchases ORDER BY 1, 2`,
    reviews: `SELECT id, user_id, author_name, verified_purchase FROM reviews ORDER BY 1`,
  },
  orders: {
    productFacts: `SELECT product_id, name, name_version, price, currency, price_version, status, status_version
                   FROM product_facts ORDER BY 1`,
    cartItems: `SELECT user_id, product_id, quantity, added_name, added_price FROM cart_items ORDER BY 1, 2`,
  },
};

export type ProjectionSnapshot = Record<string, unknown[]>;

export async function readProjections(databases: ShopDatabases): Promise<ProjectionSnapshot> {
  const snapshot: ProjectionSnapshot = {};
  for (const [database, tables] of Object.entries(TABLES)) {
    for (const [table, sql] of Object.entries(tables)) {
      snapshot[`${database}.${table}`] = await databases.rows(database as DatabaseName, sql);
    }
  }
  return snapshot;
}
