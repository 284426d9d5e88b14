/** Orders batch results by the loader's keys: one row or null per key (never trusting the database's order). */
export function oneByKey<K, R>(keys: readonly K[], rows: readonly R[], keyOf: (row: R) => K): (R | null)[] {
  const byKey = new Map(rows.map((r) => [keyOf(r), r]));
  return keys.map((k) => byKey.get(k) ?? null);
}

/**
 * Groups batch results by the loader's keys: a list per key, empty when nothing matched, rows kept
 * in query order. A row whose key is null belongs to no key and is skipped.
 */
export function manyByKey<K, R>(keys: readonly K[], rows: readonly R[], keyOf: (row: R) => K | null): R[][] {
  const byKey = new Map<K, R[]>(keys.map((k) => [k, []]));
  for (const row of rows) {
    const key = keyOf(row);
    if (key !== null) byKey.get(key)?.push(row);
  }
  return keys.map((k) => byKey.get(k) ?? []);
}
