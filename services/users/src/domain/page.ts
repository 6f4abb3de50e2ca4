/** One page of a keyset-paginated list: stores fetch `limit + 1` rows to learn whether more follow. */
export interface Page<T, K> {
  items: T[];
  /** The key to continue after; undefined on the last page. */
  next: K | undefined;
}

export function pageOf<T, K>(rows: T[], limit: number, keyOf: (last: T) => K): Page<T, K> {
  if (rows.length <= limit) return { items: rows, next: undefined };
  const items = rows.slice(0, limit);
  return { items, next: keyOf(items[items.length - 1]!) };
}
