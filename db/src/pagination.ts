import { and, count, eq, getTableColumns, inArray, lt, or, type SQL, type SQLWrapper, sql } from 'drizzle-orm';
import type { AnyPgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { Database } from './client.ts';

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

/**
 * The first `limit` rows of each parent, in `orderBy` order: one statement for a nested list
 * under many parents (a district's parcels, a parcel's samples), rows grouped by parent in the
 * order of `parents`. A LATERAL subquery runs per parent and stops at `limit`, so with an index
 * on (parent, sort key) the work grows with parents x limit, not with the rows a parent holds.
 * `where` (the list's filter and keyset condition) applies under every parent. Valid on
 * PostgreSQL 15 and PGlite alike.
 */
export async function firstRowsPerParent<T extends PgTable>(
  db: Database,
  table: T,
  parent: AnyPgColumn,
  parents: readonly string[],
  where: SQL | undefined,
  orderBy: readonly SQL[],
  limit: number,
): Promise<T['$inferSelect'][]> {
  if (parents.length === 0) return [];
  const keys = sql`(values ${sql.join(parents.map((p) => sql`(${p}::text)`), sql`, `)}) as parents(key)`;
  const page = db
    .select()
    .from(table as PgTable)
    .where(and(eq(parent, sql`parents.key`), where))
    .orderBy(...orderBy)
    .limit(limit)
    .as('page');
  // The subquery's columns, under their field names: the rows come back typed and decoded as the table's own.
  const fields = Object.fromEntries(Object.keys(getTableColumns(table)).map((name) => [name, page[name as keyof typeof page]]));
  const rows = await db.select(fields as Record<string, AnyPgColumn>).from(keys).crossJoinLateral(page);
  return rows as T['$inferSelect'][];
}

/** How many rows each parent holds under the filter, one grouped statement; parents without rows are left out. */
export async function countPerParent(db: Database, table: PgTable, parent: AnyPgColumn, parents: readonly string[], where: SQL | undefined): Promise<Map<string, number>> {
  if (parents.length === 0) return new Map();
  const rows = await db
    .select({ parent: sql<string>`${parent}`, n: count() })
    .from(table)
    .where(and(inArray(parent, [...parents]), where))
    .groupBy(parent);
  return new Map(rows.map((r) => [r.parent, r.n]));
}

/**
 * `column = any($1::text[])`: membership in a list of keys sent as one array parameter. Unlike
 * `inArray`, which sends one parameter per key, it plans as an index lookup for any number of
 * keys (Postgres caps a statement at 65,535 parameters) and the statement text stays the same.
 */
export function anyOf(column: AnyPgColumn | SQL, keys: readonly string[]): SQL {
  return sql`${column} = any(${sql.param(keys)}::text[])`;
}
