import type { Caller } from '@soilgraph/auth';
import { type Agency, type Database, lockAgencyWrites, type UpsertSpec, upsertBatch, type WriteOrigin, type WrittenRow } from '@soilgraph/db';
import { GraphQLError } from 'graphql';
import type { z } from 'zod';
import { ErrorCode } from './errors.ts';
import { type ReferenceFields, type ReferenceResolver, unknownReferences } from './references.ts';

/** The most rows one mutation or one import batch may carry. */
export const MAX_BATCH_ROWS = 5000;

/** A row refused, with where in the argument and why. */
export interface RejectedRow {
  index: number;
  argumentPath: (string | number)[];
  message: string;
}

/**
 * Validates a batch whole before anything is written: its size (1 to MAX_BATCH_ROWS), every
 * row against the schema, every externalId once, and any extra check. Throws one
 * BAD_USER_INPUT error that lists every bad row (extensions.rejected), not only the first.
 */
export function parseBatch<T extends { externalId: string }>(
  rows: readonly unknown[],
  rowSchema: z.ZodType<T>,
  argumentName: string,
  check: (row: T, index: number) => { path: (string | number)[]; message: string }[] = () => [],
): T[] {
  if (rows.length === 0 || rows.length > MAX_BATCH_ROWS) {
    throw new GraphQLError(`${argumentName}: a batch holds 1 to ${MAX_BATCH_ROWS} rows, got ${rows.length}; nothing was written`, {
      extensions: { code: ErrorCode.BAD_USER_INPUT, argumentPath: [argumentName], rejected: [] },
    });
  }
  const rejected: RejectedRow[] = [];
  const parsed: T[] = [];
  const seen = new Map<string, number>();
  rows.forEach((row, index) => {
    const result = rowSchema.safeParse(row);
    if (!result.success) {
      for (const issue of result.error.issues) {
        const path = [argumentName, index, ...issue.path.filter((p): p is string | number => typeof p !== 'symbol')];
        rejected.push({ index, argumentPath: path, message: `${path.join('.')}: ${issue.message}` });
      }
      return;
    }
    const first = seen.get(result.data.externalId);
    if (first !== undefined) {
      rejected.push({ index, argumentPath: [argumentName, index, 'externalId'], message: `${argumentName}.${index}.externalId: ${JSON.stringify(result.data.externalId)} is also row ${first}; give each externalId once per batch` });
    } else {
      seen.set(result.data.externalId, index);
    }
    for (const problem of check(result.data, index)) {
      const path = [argumentName, index, ...problem.path];
      rejected.push({ index, argumentPath: path, message: `${path.join('.')}: ${problem.message}` });
    }
    parsed.push(result.data);
  });
  if (rejected.length > 0) throw batchRejected(rejected, rows.length, argumentName);
  return parsed;
}

/** The error that rejects a whole batch, listing every bad row (also for checks that need the database). */
export function batchRejected(rejected: readonly RejectedRow[], total: number, argumentName: string): GraphQLError {
  const rowsRejected = new Set(rejected.map((r) => r.index)).size;
  const shown = rejected
    .slice(0, 10)
    .map((r) => r.message)
    .join('; ');
  const more = rejected.length > 10 ? `; and ${rejected.length - 10} more (see extensions.rejected)` : '';
  return new GraphQLError(`${rowsRejected} of ${total} rows rejected, nothing was written: ${shown}${more}`, {
    extensions: { code: ErrorCode.BAD_USER_INPUT, argumentPath: [argumentName], rejected: [...rejected] },
  });
}

/** The GraphQL SubmissionResult of a written batch. */
export function submissionResult(rows: readonly { index: number; externalId: string; id: string; outcome: 'CREATED' | 'UPDATED' | 'UNCHANGED' }[]) {
  const count = (outcome: string) => rows.filter((r) => r.outcome === outcome).length;
  return { created: count('CREATED'), updated: count('UPDATED'), unchanged: count('UNCHANGED'), rows: [...rows] };
}

/** One rejected row: `<argument>.<index>.<field>: <message>`. */
export function rejectedRow(argumentName: string, index: number, field: string, message: string): RejectedRow {
  return { index, argumentPath: [argumentName, index, field], message: `${argumentName}.${index}.${field}: ${message}` };
}

/** The checks of a parsed batch against the agency's own tables, and the spec that then writes it. */
export interface PreparedBatch<Row extends { externalId: string }, Entity extends { id: string }> {
  rejected: RejectedRow[];
  spec: UpsertSpec<Row, Entity>;
}

/**
 * One kind of submission, used by its mutation and by the bulk import alike, so that both take
 * the same validation and write path (submit and writeBatch below; packages/importer).
 */
export interface SubmissionKind<Row extends { externalId: string } = { externalId: string }, Entity extends { id: string } = { id: string }> {
  agency: Agency;
  /** The mutation, e.g. submitSoilSamples; the audit log records it (an import as import:<operation>). */
  operation: string;
  /** The mutation's argument name, which rejected rows' paths start with, e.g. "samples". */
  argumentName: string;
  /** Validates a whole batch; throws the BAD_USER_INPUT of parseBatch listing every bad row. */
  parse(values: readonly unknown[]): Row[];
  /** Reads what the checks need from the agency's tables (nothing else: it must not write). */
  prepare(tx: Database, rows: readonly Row[]): Promise<PreparedBatch<Row, Entity>>;
  /**
   * The fields that name other agencies' entities, e.g. { parcelId: 'Parcel' }: submit and the
   * bulk import ask each entity's owner whether the named ones exist (references.ts).
   */
  references?: ReferenceFields<Row>;
}

/** A submission kind the bulk import reads from files: NDJSON lines are its input objects; CSV records map to them. */
export interface ImportKind<Row extends { externalId: string } = { externalId: string }, Entity extends { id: string } = { id: string }> extends SubmissionKind<Row, Entity> {
  /** The CSV header, in order. */
  csvColumns: readonly string[];
  /** One input object from the consecutive CSV records that share an externalId (one record for flat kinds), and any disagreement among them. */
  fromCsv(records: readonly Record<string, string>[]): { value: unknown; problems: string[] };
}

/**
 * Checks a parsed batch against the agency's own tables and upserts it, both in one transaction
 * under the agency's write lock (upsertBatch takes it again, in a savepoint): no concurrent batch
 * can take an id or a code between the check and the write. Throws the BAD_USER_INPUT of
 * batchRejected, writing nothing, when a row fails; `rejectedBefore` are rows checks before the
 * transaction refused (unknownReferences), listed in the same error.
 */
export async function writeBatch<Row extends { externalId: string }, Entity extends { id: string }>(
  db: Database,
  kind: SubmissionKind<Row, Entity>,
  rows: readonly Row[],
  origin: WriteOrigin,
  rejectedBefore: readonly RejectedRow[] = [],
): Promise<WrittenRow[]> {
  return db.transaction(async (transaction) => {
    const tx = transaction as unknown as Database;
    await lockAgencyWrites(tx, origin.agency);
    const { rejected: own, spec } = await kind.prepare(tx, rows);
    const rejected = [...rejectedBefore, ...own].sort((a, b) => a.index - b.index);
    if (rejected.length > 0) throw batchRejected(rejected, rows.length, kind.argumentName);
    return upsertBatch(tx, origin, rows, spec);
  });
}

/**
 * A mutation's whole path: validate the batch, check its references to other agencies' entities
 * at their owners (before the transaction; an owner that cannot answer refuses the batch with
 * SUBGRAPH_UNAVAILABLE), check and write it, report each row. The audit log records the caller's
 * token subject; the schema's @access already demanded the agency's write scope, and this checks
 * it again so that no write path depends on a directive alone.
 */
export async function submit<Row extends { externalId: string }, Entity extends { id: string }>(
  db: Database,
  kind: SubmissionKind<Row, Entity>,
  values: readonly unknown[],
  caller: Caller,
  references: ReferenceResolver,
) {
  if (caller.kind !== 'agency' || caller.agency !== kind.agency || !caller.scopes.has(`${kind.agency}:write`)) {
    throw new GraphQLError(`${kind.operation} needs a token of ${kind.agency} with scope ${kind.agency}:write`, { extensions: { code: ErrorCode.FORBIDDEN } });
  }
  const rows = kind.parse(values);
  const unknown = await unknownReferences(references, kind, rows);
  return submissionResult(await writeBatch(db, kind, rows, { agency: kind.agency, operation: kind.operation, subject: caller.subject }, unknown));
}

/** Declares a submission kind, inferring its row and entity types. */
export function defineSubmissionKind<Row extends { externalId: string }, Entity extends { id: string }>(kind: SubmissionKind<Row, Entity>): SubmissionKind<Row, Entity> {
  return kind;
}
