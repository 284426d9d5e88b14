import type { Database, UpsertSpec } from '@soilgraph/db';
import { GraphQLError } from 'graphql';
import type { z } from 'zod';
import { ErrorCode } from './errors.ts';

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

/**
 * One kind of submission, usable by a mutation and by the bulk import alike, so both take the
 * same validation and write path: parse (zod, the whole batch), check references against the
 * agency's own tables, then upsert (db/src/writes.ts).
 */
export interface SubmissionKind<Row extends { externalId: string }, Entity extends { id: string }> {
  /** The mutation's argument name, which rejected rows' paths start with, e.g. "samples". */
  argumentName: string;
  /** The mutation, e.g. submitSoilSamples; the audit log records it (an import as import:<operation>). */
  operation: string;
  /** Validates a whole batch; throws the BAD_USER_INPUT of parseBatch listing every bad row. */
  parse(values: readonly unknown[]): Row[];
  /** Rows referring to entities of the agency that do not exist. */
  check(db: Database, rows: readonly Row[]): Promise<RejectedRow[]>;
  spec: UpsertSpec<Row, Entity>;
}

/** A submission kind the bulk import reads from files: NDJSON lines are its input objects; CSV records map to them. */
export interface ImportKind<Row extends { externalId: string }, Entity extends { id: string }> extends SubmissionKind<Row, Entity> {
  /** The CSV header, in order. */
  csvColumns: readonly string[];
  /** One input object from the consecutive CSV records that share an externalId, and any disagreement among them. */
  fromCsv(records: readonly Record<string, string>[]): { value: unknown; problems: string[] };
}
