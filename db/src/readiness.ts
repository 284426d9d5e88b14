import { readFileSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import type { Agency } from './agencies.ts';
import { type Database, migrationsFolder } from './client.ts';

/*
 * Whether an agency's database has the migrations this code ships: the readiness check of its
 * service (/readyz). The service's role may not read drizzle's bookkeeping (__drizzle_migrations
 * is the owner's alone, roles.ts), but every role may read the catalogs. So the check compares
 * the schema the newest migration leaves, as drizzle-kit recorded it in that migration's snapshot
 * (tables, their columns, their indexes), with what the agency's schema holds. A service started
 * on a database that `pnpm db:migrate` has not brought up to date is not ready, and says what is
 * missing. The same query runs on PGlite, which has no roles.
 *
 * What a snapshot does not record (functions, triggers, data) is not checked: a migration that
 * changes only those is not seen by this check.
 */

export interface ExpectedSchema {
  /** The newest migration's tag, e.g. "0002_query_indexes". */
  migration: string;
  /** Table name to its column names. */
  tables: ReadonlyMap<string, readonly string[]>;
  indexes: readonly string[];
}

interface Snapshot {
  tables: Record<string, { name: string; schema: string; columns: Record<string, { name: string }>; indexes?: Record<string, { name: string }> }>;
}

const expected = new Map<string, ExpectedSchema>();

/** The schema the newest migration in `folder` leaves (read once per folder). */
export function expectedSchema(agency: Agency, folder: string = migrationsFolder(agency)): ExpectedSchema {
  const known = expected.get(folder);
  if (known !== undefined) return known;
  const journal = JSON.parse(readFileSync(path.join(folder, 'meta', '_journal.json'), 'utf8')) as { entries: { tag: string }[] };
  const newest = journal.entries.at(-1);
  if (newest === undefined) throw new Error(`${folder} has no migrations`);
  // drizzle-kit names a migration's snapshot after its number: 0002_query_indexes -> meta/0002_snapshot.json.
  const snapshotFile = path.join(folder, 'meta', `${newest.tag.split('_')[0]}_snapshot.json`);
  const snapshot = JSON.parse(readFileSync(snapshotFile, 'utf8')) as Snapshot;
  const tables = Object.values(snapshot.tables).filter((t) => t.schema === agency);
  const schema: ExpectedSchema = {
    migration: newest.tag,
    tables: new Map(tables.map((t) => [t.name, Object.values(t.columns).map((c) => c.name)])),
    indexes: tables.flatMap((t) => Object.values(t.indexes ?? {}).map((i) => i.name)),
  };
  expected.set(folder, schema);
  return schema;
}

/** Raised when the agency's schema lacks what its newest migration creates. */
export class MigrationsPendingError extends Error {
  override name = 'MigrationsPendingError';
}

/**
 * Checks, in one catalog query, that the agency's schema has every table, column and index of
 * its newest migration; throws MigrationsPendingError naming what is missing. A database that
 * cannot be reached fails with the driver's error (databaseFailure classifies it).
 */
export async function checkMigrationsApplied(db: Database, agency: Agency, schema: ExpectedSchema = expectedSchema(agency)): Promise<void> {
  const result = await db.execute(sql`
    select c.relname as relation, c.relkind as kind, a.attname as column
    from pg_catalog.pg_class c
    join pg_catalog.pg_namespace n on n.oid = c.relnamespace
    left join pg_catalog.pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped and c.relkind in ('r', 'p')
    where n.nspname = ${agency} and c.relkind in ('r', 'p', 'i', 'I')`);
  const rows = (result as unknown as { rows: { relation: string; kind: string; column: string | null }[] }).rows;
  const columns = new Set(rows.filter((r) => r.column !== null).map((r) => `${r.relation}.${r.column}`));
  const tables = new Set(rows.filter((r) => r.kind === 'r' || r.kind === 'p').map((r) => r.relation));
  const indexes = new Set(rows.filter((r) => r.kind === 'i' || r.kind === 'I').map((r) => r.relation));

  const missing: string[] = [];
  for (const [table, tableColumns] of schema.tables) {
    if (!tables.has(table)) missing.push(`table ${agency}.${table}`);
    else for (const column of tableColumns) if (!columns.has(`${table}.${column}`)) missing.push(`column ${agency}.${table}.${column}`);
  }
  for (const index of schema.indexes) if (!indexes.has(index)) missing.push(`index ${agency}.${index}`);
  if (missing.length === 0) return;
  const shown = missing.slice(0, 5).join(', ') + (missing.length > 5 ? ` and ${missing.length - 5} more` : '');
  throw new MigrationsPendingError(`the ${agency} database is not migrated up to ${schema.migration} (missing ${shown}); run pnpm db:migrate`);
}
