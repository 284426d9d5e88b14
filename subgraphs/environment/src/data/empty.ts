import { type Connection, type Page, toConnection } from '@soilgraph/server-kit';

/** A page of nothing: a nested list whose filter names another parent matches nothing in this one. */
export function emptyConnection<T, K extends readonly unknown[]>(page: Page<K>): Connection<T> {
  return toConnection<T, K>([], page, () => [] as unknown as K, async () => 0);
}
