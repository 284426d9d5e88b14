/** Groups rows under the key each belongs to and returns one list per key, in key order ([] for none). */
export function groupInKeyOrder<K, T>(keys: readonly K[], rows: readonly T[], keyOf: (row: T) => K | null): T[][] {
  const groups = new Map<K, T[]>();
  for (const row of rows) {
    const key = keyOf(row);
    if (key === null) continue;
    const group = groups.get(key);
    if (group) group.push(row);
    else groups.set(key, [row]);
  }
  return keys.map((key) => groups.get(key) ?? []);
}
