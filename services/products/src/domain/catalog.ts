import { randomUUID } from 'node:crypto';
import type { NewEvent } from '@shop/platform/domain';
import { ProductChanged, ProductNotFound, ProductSlugTaken, UnknownCategory } from './errors.js';
import { productChanged, productCreated } from './product-events.js';
import {
  canSee,
  slugify,
  type AttributeValue,
  type Product,
  type ProductStatus,
  type Viewer,
} from './product.js';

export interface ProductFields {
  sku: string;
  slug: string;
  name: string;
  description: string;
  price: number;
  currency: string;
  categoryId: string;
  brand: string;
  attributes: Record<string, AttributeValue>;
  images: string[];
  status: ProductStatus;
}

export type NewProduct = Omit<ProductFields, 'slug' | 'attributes' | 'images' | 'status'> &
  Partial<Pick<ProductFields, 'slug' | 'attributes' | 'images' | 'status'>>;

export type ProductChanges = Partial<ProductFields>;

/** `*` edits whatever the current version is (RFC 9110 If-Match: *). */
export type ExpectedVersion = number | '*';

/** What the catalog needs from storage. Writes happen inside one transaction. */
export interface ProductStore {
  find(idOrSlug: string): Promise<Product | undefined>;
  findMany(ids: string[]): Promise<Product[]>;
  transaction<T>(work: (tx: ProductWrites) => Promise<T>): Promise<T>;
}

export interface ProductWrites {
  categoryExists(id: string): Promise<boolean>;
  slugTaken(slug: string): Promise<boolean>;
  /** Inserts the product with empty stock and no ratings. */
  insert(id: string, fields: ProductFields): Promise<Product>;
  lock(id: string): Promise<Product | undefined>;
  /** Applies the changes and bumps the version. */
  update(id: string, changes: ProductChanges): Promise<Product>;
  publish(events: NewEvent[]): Promise<void>;
}

export interface CatalogDeps {
  products: ProductStore;
}

/** The products: read by id or slug, created, edited against the version read, archived. */
export class Catalog {
  constructor(private readonly deps: CatalogDeps) {}

  /** By id or slug; a product the viewer may not see does not exist for them. */
  async find(idOrSlug: string, viewer: Viewer): Promise<Product> {
    const product = await this.deps.products.find(idOrSlug);
    if (!product || !canSee(viewer, product)) throw new ProductNotFound(`No product ${idOrSlug}.`);
    return product;
  }

  /** For other services (orders price lines with it): every status, unknown ids left out. */
  lookup(ids: string[]): Promise<Product[]> {
    return this.deps.products.findMany([...new Set(ids.map((id) => id.toLowerCase()))]);
  }

  async create(input: NewProduct): Promise<Product> {
    return this.deps.products.transaction(async (tx) => {
      if (!(await tx.categoryExists(input.categoryId))) {
        throw new UnknownCategory({ fields: [{ field: 'body.categoryId', message: 'no such category' }] });
      }
      const slug = input.slug ?? (await freeSlug(tx, input.name, input.sku));
      const product = await tx.insert(randomUUID(), {
        ...input,
        slug,
        attributes: input.attributes ?? {},
        images: input.images ?? [],
        status: input.status ?? 'draft',
      });
      await tx.publish(productCreated(product));
      return product;
    });
  }

  async update(id: string, expected: ExpectedVersion, changes: ProductChanges): Promise<Product> {
    return this.deps.products.transaction(async (tx) => {
      const before = await lockExpected(tx, id, expected);
      const changed = actualChanges(before, changes);
      if (Object.keys(changed).length === 0) return before;
      if (changed.categoryId !== undefined && !(await tx.categoryExists(changed.categoryId))) {
        throw new UnknownCategory({ fields: [{ field: 'body.categoryId', message: 'no such category' }] });
      }
      const after = await tx.update(id, changed);
      await tx.publish(productChanged(before, after));
      return after;
    });
  }

  /** Products are archived, never erased: orders, reviews and the audit trail point at them. */
  async archive(id: string, expected: ExpectedVersion): Promise<Product> {
    return this.deps.products.transaction(async (tx) => {
      const before = await lockExpected(tx, id, expected);
      if (before.status === 'archived') return before;
      const after = await tx.update(id, { status: 'archived' });
      await tx.publish(productChanged(before, after));
      return after;
    });
  }
}

async function lockExpected(tx: ProductWrites, id: string, expected: ExpectedVersion): Promise<Product> {
  const product = await tx.lock(id);
  if (!product) throw new ProductNotFound(`No product ${id}.`);
  if (expected !== '*' && expected !== product.version) {
    throw new ProductChanged({
      detail: `You edited version ${expected}; the product is at version ${product.version}. Read it again.`,
      extensions: { currentVersion: product.version },
    });
  }
  return product;
}

/** The slug from the name, or from name and SKU when another product has it. */
async function freeSlug(tx: ProductWrites, name: string, sku: string): Promise<string> {
  const fromName = slugify(name) || slugify(sku);
  if (!(await tx.slugTaken(fromName))) return fromName;
  const withSku = slugify(`${name} ${sku}`);
  if (await tx.slugTaken(withSku)) throw new ProductSlugTaken(`The slug ${withSku} is taken; choose one.`);
  return withSku;
}

function actualChanges(product: Product, changes: ProductChanges): ProductChanges {
  const changed: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(changes) as [keyof ProductFields, unknown][]) {
    if (value !== undefined && canonical(value) !== canonical(product[key])) changed[key] = value;
  }
  return changed as ProductChanges;
}

/** JSON with object keys sorted: attributes given in another key order are the same attributes. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b)))
      : v,
  );
}
