import { getTableName, sql } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { Agency } from './agencies.ts';
import { dataVersion as agriculture } from './agriculture/data-version.ts';
import type { Database } from './client.ts';
import { dataVersion as environment } from './environment/data-version.ts';
import { dataVersion as geology } from './geology/data-version.ts';
import { dataVersion as planning } from './planning/data-version.ts';
import type { DataVersionTable } from './versions.ts';
import { dataVersion as water } from './water/data-version.ts';
import { anyOf } from './pagination.ts';

/** Each agency's data version table (versions.ts). */
export const DATA_VERSIONS: Readonly<Record<Agency, DataVersionTable>> = { planning, environment, agriculture, water, geology };

/**
 * The agency's data version, as text: the sum of its tables' versions, or of `tables` only (the
 * agency's own, e.g. [soilSamples, measurements]). It only grows, with every write to those tables.
 * One small table read, the same cost at any size of data.
 */
export async function dataVersion(db: Database, agency: Agency, tables?: readonly PgTable[]): Promise<string> {
  const table = DATA_VERSIONS[agency];
  const [row] = await db
    .select({ version: sql<string>`coalesce(sum(${table.version}), 0)::text` })
    .from(table)
    .where(tables === undefined ? undefined : anyOf(table.tableName, tables.map((t) => getTableName(t))));
  return row!.version;
}
