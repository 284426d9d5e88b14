import { sql } from 'drizzle-orm';
import type { AnyPgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { Database } from './client.ts';

/**
 * A value that changes whenever a row of `table` is inserted, updated or deleted, by any writer
 * (a service, the importer, SQL by hand): the row count and a sum of a hash of each row's key and
 * row version (xmin, which every update renews). One statement that reads every row: a few
 * milliseconds per 10,000 rows. Valid on PostgreSQL 15 and PGlite alike.
 */
export async function tableVersion(db: Database, table: PgTable, key: AnyPgColumn): Promise<string> {
  const [row] = await db
    .select({ rows: sql<string>`count(*)::text`, hash: sql<string>`coalesce(sum(hashtext(${key}::text || ':' || ${table}.xmin::text)), 0)::text` })
    .from(table);
  return `${row!.rows}:${row!.hash}`;
}
