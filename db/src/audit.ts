import { createHash } from 'node:crypto';
import { asc, desc, sql } from 'drizzle-orm';
import { bigserial, index, type PgSchema, text, timestamp } from 'drizzle-orm/pg-core';
import type { Agency } from './agencies.ts';
import type { Database } from './client.ts';

/*
 * Each agency's append-only audit log (design.md, "Writes"): one entry per accepted change,
 * each entry hash-chained to the one before it, so that an altered, removed or reordered entry
 * breaks the chain (the plan treats falsified monitoring data as an offence). A trigger in the
 * agency's migration refuses UPDATE, DELETE and TRUNCATE on the table, whoever asks.
 */

/** The audit table of one agency's schema (`<agency>.audit_log`). */
export function auditLogTable(schema: PgSchema) {
  return schema.table(
    'audit_log',
    {
      /** Append order. Sequences may skip numbers (a rolled-back batch); the chain, not the numbers, proves completeness. */
      seq: bigserial('seq', { mode: 'number' }).primaryKey(),
      recordedAt: timestamp('recorded_at', { withTimezone: true, mode: 'string' }).notNull(),
      /** Who: the caller's token subject, and the agency it acts for. */
      subject: text('subject').notNull(),
      agency: text('agency').notNull(),
      /** What: the mutation or import, the entity type and its public key. */
      operation: text('operation').notNull(),
      entityType: text('entity_type').notNull(),
      entityKey: text('entity_key').notNull(),
      change: text('change').$type<'CREATED' | 'UPDATED'>().notNull(),
      /** SHA-256 of the entity's canonical JSON before (null when created) and after the change. */
      beforeDigest: text('before_digest'),
      afterDigest: text('after_digest').notNull(),
      prevHash: text('prev_hash').notNull(),
      hash: text('hash').notNull(),
    },
    // Every filter of Query.<agency>AuditLog: the entity, the operation, who, and when.
    (t) => [
      index('audit_log_entity_idx').on(t.entityType, t.entityKey),
      index('audit_log_operation_idx').on(t.operation),
      index('audit_log_subject_idx').on(t.subject),
      index('audit_log_recorded_at_idx').on(t.recordedAt),
    ],
  );
}

export type AuditLogTable = ReturnType<typeof auditLogTable>;
export type AuditEntry = AuditLogTable['$inferSelect'];

/** The first entry's prevHash. */
export const GENESIS_HASH = '0'.repeat(64);

/** JSON with object keys sorted at every level: the same value always gives the same text. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v) =>
    v !== null && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, (v as Record<string, unknown>)[k]])) : v,
  );
}

export function digest(value: unknown): string {
  return createHash('sha256').update(canonicalJson(value)).digest('hex');
}

/** The hash of an entry: every field but its sequence number and its own hash, the previous hash included. */
export function entryHash(entry: Omit<AuditEntry, 'seq' | 'hash'>): string {
  return digest({ ...entry, recordedAt: new Date(entry.recordedAt).toISOString() });
}

/** What a caller did to one entity; the log adds when, the sequence number and the chain. */
export interface AuditChange {
  subject: string;
  agency: Agency;
  operation: string;
  entityType: string;
  entityKey: string;
  change: 'CREATED' | 'UPDATED';
  beforeDigest: string | null;
  afterDigest: string;
}

/**
 * Serialises an agency's writes: taken first in every write transaction and released when it
 * ends, so batches upserting the same externalIds run one after the other (no duplicate, no
 * deadlock) and the audit chain is extended by one writer at a time, on any number of processes.
 */
export async function lockAgencyWrites(tx: Database, agency: Agency): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`soilgraph:${agency}:writes`}))`);
}

/** Appends entries, chained, inside the caller's write transaction (which holds lockAgencyWrites). */
export async function appendAudit(tx: Database, table: AuditLogTable, changes: readonly AuditChange[]): Promise<void> {
  if (changes.length === 0) return;
  const [last] = await tx.select({ hash: table.hash }).from(table).orderBy(desc(table.seq)).limit(1);
  let prevHash = last?.hash ?? GENESIS_HASH;
  const recordedAt = new Date().toISOString();
  const rows = changes.map((change) => {
    const entry = { recordedAt, ...change, prevHash };
    const hash = entryHash(entry);
    prevHash = hash;
    return { ...entry, hash };
  });
  // A VALUES list takes its sequence numbers in list order, so seq follows the chain (verifyAuditChain checks it).
  for (let i = 0; i < rows.length; i += 1000) await tx.insert(table).values(rows.slice(i, i + 1000));
}

/** A break in the chain, at the entry where it shows. */
export interface AuditProblem {
  seq: number;
  problem: string;
}

/**
 * Re-computes the chain in sequence order. An altered entry no longer matches its hash; a
 * removed or reordered one leaves the next entry pointing at a hash that is not the one
 * before it. (Removing the newest entries leaves a shorter valid chain: compare the head
 * with a copy kept elsewhere to detect that.)
 */
export async function verifyAuditChain(db: Database, table: AuditLogTable): Promise<{ entries: number; head: string; problems: AuditProblem[] }> {
  const entries = await db.select().from(table).orderBy(asc(table.seq));
  const problems: AuditProblem[] = [];
  let expectedPrev = GENESIS_HASH;
  for (const { seq, hash, ...rest } of entries) {
    if (rest.prevHash !== expectedPrev) problems.push({ seq, problem: 'its previous hash is not the hash of the entry before it: an entry before it was removed, inserted or reordered' });
    if (entryHash(rest) !== hash) problems.push({ seq, problem: 'its content does not match its hash: the entry was altered' });
    expectedPrev = hash;
  }
  return { entries: entries.length, head: expectedPrev, problems };
}
