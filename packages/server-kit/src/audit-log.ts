import { type AuditEntry, auditEntriesPage, type AuditLogQuery, type AuditLogTable, countAuditEntries, type Database } from '@soilgraph/db';
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

function parseAuditLogFilter(filter: AuditLogFilterInput | null | undefined): AuditLogQuery {
  const query: AuditLogQuery = {};
  for (const key of ['entityType', 'entityKey', 'operation', 'subject'] as const) {
    const value = filter?.[key];
    if (value !== undefined && value !== null) query[key] = value;
  }
  if (filter?.recorded) {
    const { from, to } = parseDateRange(filter.recorded, ['filter', 'recorded']);
    if (from !== undefined) query.recordedFrom = from;
    if (to !== undefined) query.recordedTo = to;
  }
  return query;
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
  const query = parseAuditLogFilter(args.filter);
  const rows = await auditEntriesPage(db, table, query, page.limit + 1, page.after?.[0]);
  return toConnection(rows.map(toAuditEntry), page, (e) => [e.seq] as [number], () => countAuditEntries(db, table, query));
}
