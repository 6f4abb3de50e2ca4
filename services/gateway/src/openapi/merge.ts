/**
 * Merges the OpenAPI documents of the services behind the gateway into one: only the
 * paths the gateway routes (so never /internal or /dev), components unioned, and a
 * component two services define differently renamed after its service.
 */
export interface OpenApiDocument {
  openapi?: string;
  info?: Record<string, unknown>;
  paths?: Record<string, unknown>;
  components?: Record<string, Record<string, unknown>>;
  tags?: { name: string; [key: string]: unknown }[];
  [key: string]: unknown;
}

export interface MergedDocument extends OpenApiDocument {
  openapi: string;
  info: Record<string, unknown>;
  paths: Record<string, unknown>;
  components: Record<string, Record<string, unknown>>;
}

export interface ServiceDocument {
  service: string;
  document: OpenApiDocument;
  keepPath(path: string): boolean;
}

export function mergeDocuments(info: Record<string, unknown>, parts: ServiceDocument[]): MergedDocument {
  const paths: Record<string, unknown> = {};
  const components: Record<string, Record<string, unknown>> = {};
  const tags = new Map<string, { name: string }>();

  for (const { service, document, keepPath } of parts) {
    const renames = new Map<string, string>();
    for (const [section, entries] of Object.entries(document.components ?? {})) {
      const merged = (components[section] ??= {});
      for (const [name, value] of Object.entries(entries)) {
        const existing = merged[name];
        if (existing === undefined || sameJson(existing, value)) continue;
        renames.set(`#/components/${section}/${name}`, `#/components/${section}/${service}.${name}`);
      }
    }
    const renamed = renames.size > 0 ? rewriteRefs(document, renames) : document;
    for (const [section, entries] of Object.entries(renamed.components ?? {})) {
      const merged = (components[section] ??= {});
      for (const [name, value] of Object.entries(entries)) {
        const target = renames.has(`#/components/${section}/${name}`) ? `${service}.${name}` : name;
        merged[target] = value;
      }
    }
    for (const [path, item] of Object.entries(renamed.paths ?? {})) {
      if (keepPath(path)) paths[path] = item;
    }
    for (const tag of renamed.tags ?? []) if (!tags.has(tag.name)) tags.set(tag.name, tag);
  }

  return {
    openapi: '3.1.0',
    info,
    paths: Object.fromEntries(Object.entries(paths).sort(([a], [b]) => a.localeCompare(b))),
    components,
    ...(tags.size > 0 ? { tags: [...tags.values()] } : {}),
  };
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function rewriteRefs<T>(value: T, renames: Map<string, string>): T {
  if (Array.isArray(value)) return value.map((item: unknown) => rewriteRefs(item, renames)) as T;
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) {
    out[key] =
      key === '$ref' && typeof inner === 'string'
        ? (renames.get(inner) ?? inner)
        : rewriteRefs(inner, renames);
  }
  return out as T;
}
