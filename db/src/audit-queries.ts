import { and, count, desc, eq, gte, lt, type SQL, sql } from 'drizzle-orm';
import type { AuditEntry, AuditLogTable } from './audit.ts';
import type { Database } from './client.ts';
import { afterKey } from './pagination.ts';

/** What an audit-log reader may narrow by: each given field must match (AND). */
export interface AuditLogQuery {
  entityType?: string;
  entityKey?: string;
  operation?: string;
  subject?: string;
  /** Calendar dates (UTC), both ends included. */
  recordedFrom?: string;
  recordedTo?: string;
}

function conditions(table: AuditLogTable, q: AuditLogQuery): SQL | undefined {
  const parts: SQL[] = [];
  for (const key of ['entityType', 'entityKey', 'operation', 'subject'] as const) {
    const value = q[key];
    if (value !== undefined) parts.push(eq(table[key], value));
  }
  if (q.recordedFrom !== undefined) parts.push(gte(table.recordedAt, sql`${q.recordedFrom}::date`));
  if (q.recordedTo !== undefined) parts.push(lt(table.recordedAt, sql`${q.recordedTo}::date + 1`));
  return and(...parts);
}

/** Up to `limit` entries newest first, after the sequence number `afterSeq` when given. */
export function auditEntriesPage(db: Database, table: AuditLogTable, q: AuditLogQuery, limit: number, afterSeq?: number): Promise<AuditEntry[]> {
  return db
    .select()
    .from(table)
    .where(and(conditions(table, q), afterSeq === undefined ? undefined : afterKey([table.seq], [afterSeq], 'desc')))
    .orderBy(desc(table.seq))
    .limit(limit);
}

export async function countAuditEntries(db: Database, table: AuditLogTable, q: AuditLogQuery): Promise<number> {
  const [row] = await db.select({ n: count() }).from(table).where(conditions(table, q));
  return row?.n ?? 0;
}
