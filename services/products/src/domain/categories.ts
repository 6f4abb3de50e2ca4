import { randomUUID } from 'node:crypto';
import { BadRequest } from '@shop/platform/domain';
import {
  CategoryCycle,
  CategoryInUse,
  CategoryNotFound,
  CategorySlugTaken,
  UnknownCategory,
} from './errors.js';
import { slugify } from './product.js';

export interface Category {
  id: string;
  name: string;
  slug: string;
  parentId: string | null;
}

export interface CategoryNode extends Category {
  children: CategoryNode[];
}

export interface NewCategory {
  name: string;
  slug?: string | undefined;
  parentId?: string | null | undefined;
}

export type CategoryChanges = Partial<Pick<Category, 'name' | 'slug' | 'parentId'>>;

export interface CategoryStore {
  list(): Promise<Category[]>;
  transaction<T>(work: (tx: CategoryWrites) => Promise<T>): Promise<T>;
}

export interface CategoryWrites {
  /** Serialises tree changes, so two concurrent moves cannot build a cycle together. */
  lockTree(): Promise<void>;
  find(id: string): Promise<Category | undefined>;
  slugTaken(slug: string, exceptId?: string): Promise<boolean>;
  /** Ids from the category up to its root, itself included. */
  lineage(id: string): Promise<string[]>;
  hasProductsOrChildren(id: string): Promise<boolean>;
  insert(category: Category): Promise<Category>;
  update(id: string, changes: CategoryChanges): Promise<Category>;
  delete(id: string): Promise<void>;
}

/** Nests a flat list under its parents, siblings by name. */
export function buildTree(categories: Category[]): CategoryNode[] {
  const nodes = new Map(categories.map((c) => [c.id, { ...c, children: [] as CategoryNode[] }]));
  const roots: CategoryNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.parentId ? nodes.get(node.parentId) : undefined;
    (parent ? parent.children : roots).push(node);
  }
  const sort = (list: CategoryNode[]) => {
    list.sort((a, b) => a.name.localeCompare(b.name));
    for (const node of list) sort(node.children);
  };
  sort(roots);
  return roots;
}

export interface CategoriesDeps {
  categories: CategoryStore;
}

/** The category tree: read whole, changed one category at a time, never into a cycle. */
export class Categories {
  constructor(private readonly deps: CategoriesDeps) {}

  async tree(): Promise<CategoryNode[]> {
    return buildTree(await this.deps.categories.list());
  }

  async create(input: NewCategory): Promise<Category> {
    const slug = input.slug ?? slugify(input.name);
    if (slug === '') {
      // A name of only symbols or of another script leaves nothing to make a slug of. Said here,
      // not in the route schema: whether a name has one takes slugify's Unicode folding (é → e).
      throw new BadRequest({
        detail: `The name ${JSON.stringify(input.name)} has no letters a-z or digits to make a slug of; send a slug.`,
        fields: [{ field: 'body.slug', message: 'is required when the name has no letters a-z or digits' }],
      });
    }
    return this.deps.categories.transaction(async (tx) => {
      await tx.lockTree();
      const parentId = input.parentId ?? null;
      if (parentId && !(await tx.find(parentId))) throw unknownParent();
      if (await tx.slugTaken(slug)) throw new CategorySlugTaken(`The slug ${slug} is taken.`);
      return tx.insert({ id: randomUUID(), name: input.name, slug, parentId });
    });
  }

  async update(id: string, changes: CategoryChanges): Promise<Category> {
    return this.deps.categories.transaction(async (tx) => {
      await tx.lockTree();
      if (!(await tx.find(id))) throw new CategoryNotFound(`No category ${id}.`);
      if (changes.slug !== undefined && (await tx.slugTaken(changes.slug, id))) {
        throw new CategorySlugTaken(`The slug ${changes.slug} is taken.`);
      }
      if (changes.parentId) {
        if (!(await tx.find(changes.parentId))) throw unknownParent();
        if ((await tx.lineage(changes.parentId)).includes(id)) {
          throw new CategoryCycle(`${changes.parentId} is ${id} or one of its descendants.`);
        }
      }
      return tx.update(id, changes);
    });
  }

  async delete(id: string): Promise<void> {
    await this.deps.categories.transaction(async (tx) => {
      await tx.lockTree();
      if (!(await tx.find(id))) throw new CategoryNotFound(`No category ${id}.`);
      if (await tx.hasProductsOrChildren(id)) {
        throw new CategoryInUse('Move or archive its products and delete its subcategories first.');
      }
      await tx.delete(id);
    });
  }
}

function unknownParent() {
  return new UnknownCategory({
    detail: 'The parent category does not exist.',
    fields: [{ field: 'body.parentId', message: 'no such category' }],
  });
}
