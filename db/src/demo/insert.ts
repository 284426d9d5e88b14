import type { PgTable } from 'drizzle-orm/pg-core';
import type { Database } from '../client.ts';

/** Inserts rows in chunks that stay under Postgres' 65,535 bind parameters per statement. */
export async function insertInChunks<T extends PgTable>(db: Database, table: T, rows: readonly T['$inferInsert'][], chunk = 500): Promise<void> {
  for (let i = 0; i < rows.length; i += chunk) {
    await db.insert(table).values(rows.slice(i, i + chunk) as T['$inferInsert'][]);
  }
}
