/** What the products service tells about a product: enough to show it, filter it and rank it. */
export interface ProductSummary {
  id: string;
  sku: string;
  slug: string;
  name: string;
  /** Minor units of `currency`. */
  price: number;
  currency: string;
  status: string;
  categoryId: string;
  brand: string;
  image: string | null;
  /** Some stock is available to order now. */
  available: boolean;
  rating: { average: number; count: number };
}

/** The products service, seen from here. Throws (a 503 problem) when it cannot be reached. */
export interface ProductCatalog {
  /** Unknown ids are absent from the answer. */
  find(ids: string[]): Promise<Map<string, ProductSummary>>;
  /** Category id → name (changes rarely; may be cached a few minutes). */
  categoryNames(): Promise<Map<string, string>>;
  /** Active, in-stock products, best rated first (may be cached a few minutes). */
  topRated(limit: number): Promise<ProductSummary[]>;
}

export const isOnSale = (product: ProductSummary | undefined): product is ProductSummary =>
  product?.status === 'active';

/** What product events tell about a product, as the recommendation model keeps it. */
export interface ProductFacts {
  productId: string;
  name: string;
  categoryId: string;
  brand: string;
  status: string;
  version: number;
}

/** This service's copy of what products tells (names, categories, brands, statuses). */
export interface CatalogProjection {
  /** Applies an event's snapshot unless a newer version is known. */
  apply(facts: ProductFacts): Promise<void>;
  markArchived(productId: string, version: number): Promise<void>;
  /** Products known only from the batch lookup (version 0): any event wins over them. */
  fill(products: Omit<ProductFacts, 'version'>[]): Promise<void>;
  nameOf(productId: string): Promise<string | undefined>;
}
