import { createHash } from 'node:crypto';
import type { Agency } from './agencies.ts';
import { type AuditChange, appendAudit, digest, lockAgencyWrites } from './audit.ts';
import { AUDIT_LOGS } from './audit-logs.ts';
import type { Database } from './client.ts';

/*
 * The one write path of every agency (design.md, "Writes"): a validated batch is upserted by
 * the agency's externalId in one transaction, under the agency's write lock, and every change
 * is appended to the agency's audit log in the same transaction. Either the whole batch and
 * its audit entries are committed, or nothing is.
 */

export type RowOutcome = 'CREATED' | 'UPDATED' | 'UNCHANGED';

/** What became of one submitted row. */
export interface WrittenRow {
  index: number;
  externalId: string;
  /** The entity's public id (kept when the row existed, assigned when it is created). */
  id: string;
  outcome: RowOutcome;
}

/** How one kind of entity is upserted: read the current records, build the new ones, save the changed ones. */
export interface UpsertSpec<Row extends { externalId: string }, Entity extends { id: string }> {
  /** The GraphQL type the audit log names, e.g. SoilSample. */
  entityType: string;
  /** The current records of these externalIds, by externalId, in the same canonical shape build returns. */
  existing(tx: Database, externalIds: readonly string[]): Promise<Map<string, Entity>>;
  /** The record after the change: the submitted row, keeping the current record's id if there is one. */
  build(row: Row, current: Entity | undefined): Entity;
  /** Writes the created and updated records (nothing else). */
  save(tx: Database, records: readonly { entity: Entity; created: boolean }[]): Promise<void>;
}

/** Who writes, and through which operation (a mutation or an import). */
export interface WriteOrigin {
  agency: Agency;
  operation: string;
  subject: string;
}

export async function upsertBatch<Row extends { externalId: string }, Entity extends { id: string }>(
  db: Database,
  origin: WriteOrigin,
  rows: readonly Row[],
  spec: UpsertSpec<Row, Entity>,
): Promise<WrittenRow[]> {
  return db.transaction(async (transaction) => {
    const tx = transaction as unknown as Database;
    await lockAgencyWrites(tx, origin.agency);
    const current = await spec.existing(
      tx,
      rows.map((r) => r.externalId),
    );
    const written: WrittenRow[] = [];
    const changed: { entity: Entity; created: boolean }[] = [];
    const audit: AuditChange[] = [];
    rows.forEach((row, index) => {
      const before = current.get(row.externalId);
      const entity = spec.build(row, before);
      const afterDigest = digest(entity);
      const beforeDigest = before === undefined ? null : digest(before);
      const outcome: RowOutcome = before === undefined ? 'CREATED' : beforeDigest === afterDigest ? 'UNCHANGED' : 'UPDATED';
      written.push({ index, externalId: row.externalId, id: entity.id, outcome });
      if (outcome === 'UNCHANGED') return;
      changed.push({ entity, created: outcome === 'CREATED' });
      audit.push({ ...origin, entityType: spec.entityType, entityKey: entity.id, change: outcome, beforeDigest, afterDigest });
    });
    await spec.save(tx, changed);
    await appendAudit(tx, AUDIT_LOGS[origin.agency], audit);
    return written;
  });
}

/**
 * The part of a new entity's public id derived from the agency's externalId (first 10 hex digits
 * of its SHA-256, upper case): stable across re-submissions, e.g. SS-110108-3FA9C2D10B.
 */
export function externalIdSuffix(externalId: string): string {
  return createHash('sha256').update(externalId).digest('hex').slice(0, 10).toUpperCase();
}
