import { bigint, type PgSchema, text } from 'drizzle-orm/pg-core';

/*
 * Each agency's data versions: per table of the agency's schema, a number that grows with every
 * statement that writes to it, whoever sends it (a service, the importer, SQL by hand). Answers
 * computed from the rows are reused while the versions they read hold: a subgraph's area-wide
 * figures (server-kit's remembered, over the tables they read) and the gateway's whole answers
 * (gateway/src/response-cache.ts, over the whole schema: the sum of its tables' versions, which
 * only grows).
 *
 * The agency's migration puts a statement-level trigger on every other table of the schema
 * (AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE) that adds one to that table's row. The trigger
 * function runs as the migrations' owner (SECURITY DEFINER) and the agency's role may only read
 * the table (roles.ts), so a service cannot set a number back. The bump is part of the writing
 * transaction: readers see the new number exactly when they can see the rows it covers, and a
 * rolled-back write leaves it as it was. Writes of an agency already take its write lock
 * (audit.ts), so the rows add no waiting. A test checks that every table has the trigger.
 */

/** The table `<agency>.data_version`: one row per table written since the migration. */
export function dataVersionTable(schema: PgSchema) {
  return schema.table('data_version', {
    tableName: text('table_name').primaryKey(),
    version: bigint('version', { mode: 'number' }).notNull(),
  });
}

export type DataVersionTable = ReturnType<typeof dataVersionTable>;

/** The trigger each table of an agency's schema carries (its migrations create it). */
export const DATA_VERSION_TRIGGER = 'bump_data_version';
