import type { Database, UpsertSpec } from '@soilgraph/db';
import { farmlandClassDecisions, SAFE_USE_MEASURES, type SafeUseMeasure, safeUtilisationRecords } from '@soilgraph/db/agriculture';
import type { PreparedBatch, RejectedRow } from '@soilgraph/server-kit';
import { and, eq, inArray, or, sql } from 'drizzle-orm';
import type { SafeUtilisationRecordSubmissionRow } from '../inputs.ts';
import { latestDecisionsBy } from '../plan-indicators.ts';
import { type KeyHolder, idFieldChanges, type NaturalKey, naturalKeyClashes } from './natural-key-writes.ts';

/** A safe-utilisation record as stored, in the canonical shape its audit digest is taken of (measures in enum order). */
export interface SafeUtilisationRecordEntity {
  id: string;
  externalId: string;
  parcelId: string;
  districtCode: string;
  year: number;
  measures: SafeUseMeasure[];
  cropsCompliant: boolean;
}

/** Rows per INSERT statement: well under Postgres's 65,535 parameters. */
const CHUNK = 1000;

const unique = <T>(values: readonly T[]): T[] => [...new Set(values)];
const inEnumOrder = (measures: readonly SafeUseMeasure[]) => [...measures].sort((a, b) => SAFE_USE_MEASURES.indexOf(a) - SAFE_USE_MEASURES.indexOf(b));

/** The public id of a safe-utilisation record: SU-<parcel id>-<year>, as the demo's. */
export function safeUtilisationRecordId(row: { parcelId: string; year: number }): string {
  return `SU-${row.parcelId}-${row.year}`;
}

/** One record per parcel and year (a unique constraint), its id built from them. */
const parcelYear: NaturalKey<SafeUtilisationRecordSubmissionRow, SafeUtilisationRecordEntity> = {
  argumentName: 'records',
  fields: ['parcelId', 'year'],
  named: 'parcel and year',
  describe: (r) => `parcel ${JSON.stringify(r.parcelId)}, year ${r.year}`,
  idOf: safeUtilisationRecordId,
  async holding(tx, rows): Promise<KeyHolder[]> {
    const t = safeUtilisationRecords;
    return tx
      .select({ id: t.id, externalId: t.externalId, parcelId: t.parcelId, year: t.year })
      .from(t)
      .where(
        or(
          inArray(t.id, unique(rows.map(safeUtilisationRecordId))),
          and(
            inArray(t.parcelId, unique(rows.map((r) => r.parcelId))),
            inArray(t.year, unique(rows.map((r) => r.year))),
          ),
        ),
      );
  },
};

const CONTAMINATED = new Set(['SAFE_UTILISATION', 'STRICT_CONTROL']);

/**
 * Rows whose parcel is not contaminated farmland in their year by agriculture's own decisions:
 * its latest decision on or before 31 December (the one the safe-utilisation rate counts) must be
 * safe utilisation or strict control.
 */
async function notContaminated(tx: Database, rows: readonly SafeUtilisationRecordSubmissionRow[]): Promise<RejectedRow[]> {
  const t = farmlandClassDecisions;
  const decisions = await tx
    .select()
    .from(t)
    .where(inArray(t.parcelId, unique(rows.map((r) => r.parcelId))));
  const byParcel = new Map<string, typeof decisions>();
  for (const d of decisions) byParcel.set(d.parcelId, [...(byParcel.get(d.parcelId) ?? []), d]);
  return rows.flatMap((row, index) => {
    const inForce = latestDecisionsBy(byParcel.get(row.parcelId) ?? [], `${row.year}-12-31`).get(row.parcelId);
    if (inForce !== undefined && CONTAMINATED.has(inForce.farmlandClass)) return [];
    const path = ['records', index, 'parcelId'];
    const found = inForce === undefined ? 'has no farmland class decision on or before' : `was ${inForce.farmlandClass} (${inForce.id}, decided ${inForce.decidedOn}) at`;
    return [
      {
        index,
        argumentPath: path,
        message: `${path.join('.')}: parcel ${JSON.stringify(row.parcelId)} ${found} the end of ${row.year}; a safe-utilisation record needs a SAFE_UTILISATION or STRICT_CONTROL decision in force (submit the decision first)`,
      },
    ];
  });
}

/** The stored records of these externalIds, by externalId (measures in enum order). */
async function storedRecords(tx: Database, externalIds: readonly string[]): Promise<Map<string, SafeUtilisationRecordEntity>> {
  const stored = await tx
    .select()
    .from(safeUtilisationRecords)
    .where(inArray(safeUtilisationRecords.externalId, [...externalIds]));
  return new Map(stored.map(({ createdAt: _c, updatedAt: _u, ...r }) => [r.externalId, { ...r, measures: inEnumOrder(r.measures) } as SafeUtilisationRecordEntity]));
}

/** The upsert of safe-utilisation records (the checks are prepareSafeUtilisationRecords'). */
export const safeUtilisationRecordUpsert: UpsertSpec<SafeUtilisationRecordSubmissionRow, SafeUtilisationRecordEntity> = {
  entityType: 'SafeUtilisationRecord',
  existing: storedRecords,
  build(row, current) {
    return {
      id: current?.id ?? safeUtilisationRecordId(row),
      externalId: row.externalId,
      parcelId: row.parcelId,
      districtCode: row.districtCode,
      year: row.year,
      measures: inEnumOrder(row.measures),
      cropsCompliant: row.cropsCompliant,
    };
  },
  async save(tx, records) {
    const created = records.filter((r) => r.created).map((r) => r.entity);
    const updated = records.filter((r) => !r.created).map((r) => r.entity);
    for (let i = 0; i < created.length; i += CHUNK) await tx.insert(safeUtilisationRecords).values(created.slice(i, i + CHUNK));
    for (const entity of updated) await tx.update(safeUtilisationRecords).set({ ...entity, updatedAt: sql`now()` }).where(eq(safeUtilisationRecords.id, entity.id));
  },
};

/**
 * The checks of a batch of safe-utilisation records (run under the write lock by writeBatch): a
 * row may not change the parcel or year of its record, a new externalId may not take a parcel and
 * year already recorded under another one, and the parcel must be under safe utilisation or
 * strict control that year.
 */
export async function prepareSafeUtilisationRecords(
  tx: Database,
  rows: readonly SafeUtilisationRecordSubmissionRow[],
): Promise<PreparedBatch<SafeUtilisationRecordSubmissionRow, SafeUtilisationRecordEntity>> {
  const current = await storedRecords(
    tx,
    rows.map((r) => r.externalId),
  );
  const rejected = [...idFieldChanges(parcelYear, rows, current), ...(await naturalKeyClashes(tx, parcelYear, rows, current)), ...(await notContaminated(tx, rows))].sort(
    (a, b) => a.index - b.index,
  );
  return { rejected, spec: safeUtilisationRecordUpsert };
}
