import { type Database, lockAgencyWrites, type UpsertSpec, upsertBatch, type WriteOrigin, type WrittenRow } from '@soilgraph/db';
import { batchRejected, type RejectedRow } from '@soilgraph/server-kit';

/** The checks of a batch against environment's tables, and the spec that then writes it. */
export interface PreparedBatch<Row extends { externalId: string }, Entity extends { id: string }> {
  rejected: RejectedRow[];
  spec: UpsertSpec<Row, Entity>;
}

/**
 * Checks a parsed batch against environment's own tables and upserts it, both in one
 * transaction under environment's write lock (upsertBatch takes it again, in a savepoint): no
 * concurrent batch can take an id or a code, or record a newer status change, between the check
 * and the write. Throws the BAD_USER_INPUT of batchRejected, writing nothing, when a row fails.
 */
export async function checkAndUpsert<Row extends { externalId: string }, Entity extends { id: string }>(
  db: Database,
  origin: WriteOrigin,
  argumentName: string,
  rows: readonly Row[],
  prepare: (tx: Database, rows: readonly Row[]) => Promise<PreparedBatch<Row, Entity>>,
): Promise<WrittenRow[]> {
  return db.transaction(async (transaction) => {
    const tx = transaction as unknown as Database;
    await lockAgencyWrites(tx, origin.agency);
    const { rejected, spec } = await prepare(tx, rows);
    if (rejected.length > 0) throw batchRejected(rejected, rows.length, argumentName);
    return upsertBatch(tx, origin, rows, spec);
  });
}

/** One rejected row: `<argument>.<index>.<field>: <message>`. */
export function rejectedRow(argumentName: string, index: number, field: string, message: string): RejectedRow {
  return { index, argumentPath: [argumentName, index, field], message: `${argumentName}.${index}.${field}: ${message}` };
}

/** Rows per INSERT statement: well under Postgres's 65,535 parameters. */
export const INSERT_CHUNK = 1000;
