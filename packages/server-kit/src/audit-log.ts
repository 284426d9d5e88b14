import { afterKey, type AuditEntry, type AuditLogTable, type Database } from '@soilgraph/db';
import { and, count, desc, eq, gte, lt, type SQL, sql } from 'drizzle-orm';
import { z } from 'zod';
import { parseDateRange } from './filters.ts';
import { type Connection, type PageArgs, parsePage, toConnection } from './pagination.ts';

/*
 * The audit-log query every subgraph offers on its own log (Query.<agency>AuditLog, scope
 * <agency>:audit). Entries are read, never changed: the log is append-only (db/src/audit.ts).
 */

/** Entries sort newest first by sequence; a cursor is the last sequence seen. */
const auditCursor = z.tuple([z.number().int()]);

export interface AuditLogFilterInput {
  entityType?: string | null;
  entityKey?: string | null;
  operation?: string | null;
  subject?: string | null;
  recorded?: { from?: string | null; to?: string | null } | null;
}

function conditions(table: AuditLogTable, filter: AuditLogFilterInput | null | undefined): SQL | undefined {
  if (!filter) return undefined;
  const parts: SQL[] = [];
  for (const key of ['entityType', 'entityKey', 'operation', 'subject'] as const) {
    const value = filter[key];
    if (value !== undefined && value !== null) parts.push(eq(table[key], value));
  }
  if (filter.recorded) {
    const { from, to } = parseDateRange(filter.recorded, ['filter', 'recorded']);
    if (from !== undefined) parts.push(gte(table.recordedAt, sql`${from}::date`));
    if (to !== undefined) parts.push(lt(table.recordedAt, sql`${to}::date + 1`));
  }
  return and(...parts);
}

/** The GraphQL AuditEntry of a stored entry. */
function toAuditEntry(row: AuditEntry) {
  return { ...row, sequence: String(row.seq), recordedAt: new Date(row.recordedAt).toISOString() };
}

export type AuditEntryConnectionModel = Connection<ReturnType<typeof toAuditEntry>>;

/** One page of an agency's audit log, newest first, filtered. */
export async function findAuditEntries(
  db: Database,
  table: AuditLogTable,
  args: PageArgs & { filter?: AuditLogFilterInput | null },
): Promise<AuditEntryConnectionModel> {
  const page = parsePage(args, auditCursor);
  const where = conditions(table, args.filter);
  const rows = await db
    .select()
    .from(table)
    .where(and(where, page.after && afterKey([table.seq], page.after, 'desc')))
    .orderBy(desc(table.seq))
    .limit(page.limit + 1);
  return toConnection(rows.map(toAuditEntry), page, (e) => [e.seq] as [number], async () => {
    const [row] = await db.select({ n: count() }).from(table).where(where);
    return row?.n ?? 0;
  });
}
