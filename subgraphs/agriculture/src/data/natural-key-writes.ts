import type { Database } from '@soilgraph/db';
import type { RejectedRow } from '@soilgraph/server-kit';

/*
 * Checks shared by agriculture's writes that need the stored records, run inside upsertBatch's
 * transaction under the agency's write lock (from an UpsertSpec's `existing`), so two writers
 * cannot both pass them and then collide on a unique constraint.
 */

/**
 * The fields a record's public id is built from (FU-<district>-<year>-<crop>, SU-<parcel>-<year>,
 * FCD-<parcel>-...): they cannot change once the record exists, or the id would lie.
 */
export interface IdFields<Row extends { externalId: string }, Stored extends { id: string }> {
  argumentName: string;
  fields: readonly (keyof Row & keyof Stored & string)[];
  /** The fields in words, e.g. "district, year and crop". */
  named: string;
  describe(record: Row | Stored): string;
}

/** Rows that would change the id fields of the record their externalId already names. */
export function idFieldChanges<Row extends { externalId: string }, Stored extends { id: string }>(
  key: IdFields<Row, Stored>,
  rows: readonly Row[],
  current: ReadonlyMap<string, Stored>,
): RejectedRow[] {
  const rejected: RejectedRow[] = [];
  rows.forEach((row, index) => {
    const before = current.get(row.externalId);
    if (before === undefined) return;
    const changed = key.fields.find((f) => (before[f] as unknown) !== (row[f] as unknown));
    if (changed === undefined) return;
    const path = [key.argumentName, index, changed];
    rejected.push({
      index,
      argumentPath: path,
      message: `${path.join('.')}: externalId ${JSON.stringify(row.externalId)} is ${before.id}, for ${key.describe(before)}; its ${key.named} cannot change (its id is built from them): submit a new record under a new externalId`,
    });
  });
  return rejected;
}

/** A stored record's id, externalId and natural key fields. */
export type KeyHolder = { id: string; externalId: string } & Record<string, unknown>;

/** A kind whose id fields are also its natural key: one stored record per key (a unique constraint). */
export interface NaturalKey<Row extends { externalId: string }, Stored extends { id: string; externalId: string }> extends IdFields<Row, Stored> {
  /** The id a new record with this key gets. */
  idOf(row: Row): string;
  /** Stored records holding any of these rows' keys or ids (a superset is fine). */
  holding(tx: Database, rows: readonly Row[]): Promise<KeyHolder[]>;
}

/**
 * Rows with a new externalId whose natural key (or id) another stored record already holds:
 * upserting them would break the unique key, so each is refused with a row error naming the
 * record to resubmit instead.
 */
export async function naturalKeyClashes<Row extends { externalId: string }, Stored extends { id: string; externalId: string }>(
  tx: Database,
  key: NaturalKey<Row, Stored>,
  rows: readonly Row[],
  current: ReadonlyMap<string, Stored>,
): Promise<RejectedRow[]> {
  const fresh = rows.map((row, index) => ({ row, index })).filter(({ row }) => !current.has(row.externalId));
  if (fresh.length === 0) return [];
  const keyOf = (record: object) => JSON.stringify(key.fields.map((f) => (record as Record<string, unknown>)[f]));
  const holders = await key.holding(
    tx,
    fresh.map((f) => f.row),
  );
  const byKey = new Map(holders.map((h) => [keyOf(h), h]));
  const byId = new Map(holders.map((h) => [h.id, h]));
  const last = key.fields[key.fields.length - 1]!;
  return fresh.flatMap(({ row, index }) => {
    const holder = byKey.get(keyOf(row)) ?? byId.get(key.idOf(row));
    if (holder === undefined) return [];
    const path = [key.argumentName, index, last];
    return [
      {
        index,
        argumentPath: path,
        message: `${path.join('.')}: ${key.describe(row)} is already recorded as ${holder.id} under externalId ${JSON.stringify(holder.externalId)}; resubmit that externalId to change it`,
      },
    ];
  });
}
