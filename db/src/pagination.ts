import { and, eq, lt, or, type SQL, type SQLWrapper, sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';

/**
 * Keyset condition "the row sorts after this key": `(a, b) > (x, y)` for ascending
 * order, `<` for descending. Every list sorts by a unique key, so pages never overlap.
 */
export function afterKey(columns: readonly SQLWrapper[], key: readonly unknown[], direction: 'asc' | 'desc' = 'asc'): SQL {
  const left = sql.join(columns.map((c) => sql`${c}`), sql`, `);
  const right = sql.join(key.map((v) => sql`${v}`), sql`, `);
  return direction === 'asc' ? sql`(${left}) > (${right})` : sql`(${left}) < (${right})`;
}

/**
 * Keyset condition for lists sorted newest first: the first column descends, the others
 * (which make the key unique) ascend. "After (h, r...)" is `h < h0 or (h = h0 and (r...) > (r0...))`.
 */
export function afterKeyNewestFirst(head: AnyPgColumn, rest: readonly AnyPgColumn[], key: readonly [unknown, ...unknown[]]): SQL {
  const [headKey, ...restKey] = key;
  return or(lt(head, headKey), and(eq(head, headKey), afterKey(rest, restKey)))!;
}

/**
 * Pages through candidates that an indexed pre-filter (a bounding box) selected, keeping
 * only those that pass the exact test run in code, until `wanted` rows are found or the
 * candidates run out. `fetchBatch` returns candidates after the given key, in key order.
 */
export async function collectExact<T, K>(
  fetchBatch: (after: K | undefined, size: number) => Promise<T[]>,
  keyOf: (row: T) => K,
  passes: (row: T) => boolean,
  wanted: number,
  after: K | undefined,
): Promise<T[]> {
  const size = Math.max(wanted * 2, 50);
  const kept: T[] = [];
  let cursor = after;
  for (;;) {
    const batch = await fetchBatch(cursor, size);
    for (const row of batch) {
      if (passes(row)) kept.push(row);
      if (kept.length >= wanted) return kept;
    }
    if (batch.length < size) return kept;
    cursor = keyOf(batch.at(-1)!);
  }
}
