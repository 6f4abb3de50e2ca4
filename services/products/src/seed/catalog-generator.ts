import { Faker, en } from '@faker-js/faker';
import { slugify } from '../domain/product.js';
import { HERO_PRODUCTS, type HeroProduct } from './hero-products.js';
import { isLeaf, TAXONOMY, type Branch, type Leaf } from './taxonomy.js';

export interface SeedCategory {
  id: string;
  parentId: string | null;
  name: string;
  slug: string;
  leaf: Leaf | undefined;
}

export interface SeedProduct {
  id: string;
  sku: string;
  slug: string;
  name: string;
  description: string;
  price: number;
  categoryId: string;
  brand: string;
  attributes: Record<string, string | number | boolean>;
  images: string[];
  status: 'draft' | 'active' | 'archived';
  createdAt: string;
  onHand: number;
  reviews: SeedReview[];
}

export interface SeedReview {
  id: string;
  userId: string;
  authorName: string;
  rating: number;
  title: string;
  body: string;
  createdAt: string;
  /** Ids of the users who found it helpful. */
  helpfulVoters: string[];
  /** The author bought it (a purchase row goes in with the review). */
  verified: boolean;
}

/** Everything is dated relative to this, so the same seed gives the same catalog on any day. */
const ANCHOR = Date.parse('2025-06-01T12:00:00Z');
const DAY = 86_400_000;

const SERIES = [
  'Aria',
  'Nova',
  'Pulse',
  'Vertex',
  'Atlas',
  'Orbit',
  'Zephyr',
  'Echo',
  'Summit',
  'Flux',
  'Halo',
  'Titan',
  'Vista',
  'Prism',
  'Terra',
  'Solo',
  'Drift',
  'Luma',
  'Core',
  'Apex',
  'Ember',
  'Quest',
  'Motion',
  'Field',
];

const TITLES: Record<number, string[]> = {
  5: ['Absolutely love it', 'Exceeded my expectations', 'Best purchase this year', 'Five stars, no doubt'],
  4: ['Very good', 'Great value for money', 'Does what it promises', 'Happy with it'],
  3: ['Decent but not perfect', 'Okay for the price', 'Mixed feelings', 'Average'],
  2: ['Disappointed', 'Not as described', 'Expected more', 'Quality could be better'],
  1: ['Would not buy again', 'Stopped working', 'Waste of money', 'Returned it'],
};
const OPENINGS: Record<number, string[]> = {
  5: ['I use it every day and it still feels like new.', 'Setup took minutes and it just works.'],
  4: ['Solid product with a couple of small quirks.', 'Works well; the packaging could be better.'],
  3: ['It is fine, nothing more.', 'Some things are great, others are annoying.'],
  2: ['It arrived late and feels cheaper than the photos.', 'After a few weeks the problems started.'],
  1: ['It broke within a month.', 'Nothing like the description.'],
};

/** A deterministic demo catalog: the same seed and size always give the same rows. */
export function generateCatalog(options: { products: number; seed: number }) {
  const faker = new Faker({ locale: [en] });
  faker.seed(options.seed);
  const categories = flattenTaxonomy(faker);
  const leaves = categories.filter((c) => c.leaf);
  const byName = new Map(categories.map((c) => [c.name, c]));
  const slugs = new Set<string>();

  function uniqueSlug(name: string, sku: string): string {
    let slug = slugify(name);
    if (slugs.has(slug)) slug = slugify(`${name} ${sku}`);
    slugs.add(slug);
    return slug;
  }

  function reviewsFor(quality: number, popularity: number): SeedReview[] {
    const count = Math.round(popularity * faker.number.float({ min: 0, max: 1 }) ** 2);
    return Array.from({ length: count }, () => {
      const rating = Math.min(
        5,
        Math.max(1, Math.round(faker.number.float({ min: quality - 1.6, max: quality + 1.2 }))),
      );
      const first = faker.person.firstName();
      return {
        id: faker.string.uuid(),
        userId: faker.string.uuid(),
        authorName: `${first} ${faker.person.lastName().charAt(0)}.`,
        rating,
        title: faker.helpers.arrayElement(TITLES[rating]!),
        body: `${faker.helpers.arrayElement(OPENINGS[rating]!)} ${faker.lorem.sentence({ min: 6, max: 14 })}`,
        createdAt: new Date(ANCHOR - faker.number.int({ min: 0, max: 700 }) * DAY).toISOString(),
        verified: faker.datatype.boolean(0.7),
        helpfulVoters: Array.from(
          {
            length: faker.helpers.weightedArrayElement([
              { weight: 6, value: 0 },
              { weight: 3, value: 1 },
              { weight: 1, value: 4 },
            ]),
          },
          () => faker.string.uuid(),
        ),
      };
    });
  }

  function common(sku: string, name: string) {
    return {
      id: faker.string.uuid(),
      sku,
      slug: uniqueSlug(name, sku),
      images: [`https://picsum.photos/seed/${sku.toLowerCase()}/800/800`],
      createdAt: new Date(ANCHOR - faker.number.int({ min: 0, max: 3 * 365 * DAY })).toISOString(),
    };
  }

  function hero(product: HeroProduct): SeedProduct {
    return {
      ...common(product.sku, product.name),
      name: product.name,
      description: product.description,
      price: product.price,
      categoryId: byName.get(product.category)!.id,
      brand: product.brand,
      attributes: product.attributes,
      status: 'active',
      onHand: faker.number.int({ min: 20, max: 200 }),
      reviews: reviewsFor(4.6, 60),
    };
  }

  function filler(index: number): SeedProduct {
    const category = faker.helpers.arrayElement(leaves);
    const leaf = category.leaf!;
    const brand = faker.helpers.arrayElement(leaf.brands);
    const noun = faker.helpers.arrayElement(leaf.nouns);
    // "Trail Running Shoes" need no "Trail" in front of them.
    const feature = faker.helpers.arrayElement(
      leaf.features.filter((f) => !noun.toLowerCase().includes(f.toLowerCase())),
    );
    const model = `${faker.helpers.arrayElement(SERIES)} ${faker.number.int({ min: 2, max: 9 })}${faker.helpers.arrayElement(['', '00', 'X', ' Pro', ' Lite', ' Plus'])}`;
    const name = `${brand} ${model} ${feature} ${noun}`;
    const sku = `${slugify(brand).slice(0, 4).toUpperCase()}-${String(index).padStart(6, '0')}`;
    const [first, second] = faker.helpers.arrayElements(leaf.details, 2);
    const description =
      `The ${brand} ${model} is a ${feature.toLowerCase()} ${noun.toLowerCase()} with ${first} and ${second}. ` +
      `${faker.company.catchPhrase()}.`;
    const [min, max] = leaf.price;
    const roll = faker.number.float({ min: 0, max: 1 });
    return {
      ...common(sku, name),
      name,
      description,
      price: Math.round(faker.number.int({ min, max }) / 100) * 100 - 1,
      categoryId: category.id,
      brand,
      attributes: Object.fromEntries(
        Object.entries(leaf.attributes).map(([key, values]) => [key, faker.helpers.arrayElement(values)]),
      ),
      status: roll < 0.02 ? 'draft' : roll < 0.03 ? 'archived' : 'active',
      onHand: faker.number.float({ min: 0, max: 1 }) < 0.07 ? 0 : faker.number.int({ min: 1, max: 300 }),
      reviews: reviewsFor(
        faker.number.float({ min: 2.5, max: 4.8 }),
        faker.helpers.weightedArrayElement([
          { weight: 14, value: 3 },
          { weight: 5, value: 8 },
          { weight: 1, value: 30 },
        ]),
      ),
    };
  }

  return {
    categories,
    /** Products one by one, so a 100,000-product catalog never sits in memory at once. */
    *products(): Generator<SeedProduct> {
      const heroes = HERO_PRODUCTS.slice(0, options.products);
      for (const product of heroes) yield hero(product);
      for (let index = heroes.length; index < options.products; index++) yield filler(index);
    },
  };
}

function flattenTaxonomy(faker: Faker): SeedCategory[] {
  const categories: SeedCategory[] = [];
  const visit = (node: Branch | Leaf, parentId: string | null) => {
    const id = faker.string.uuid();
    categories.push({
      id,
      parentId,
      name: node.name,
      slug: slugify(node.name),
      leaf: isLeaf(node) ? node : undefined,
    });
    if (!isLeaf(node)) for (const child of node.children) visit(child, id);
  };
  for (const root of TAXONOMY) visit(root, null);
  return categories;
}
