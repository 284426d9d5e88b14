import type { Database, UpsertSpec } from '@soilgraph/db';
import { type Crop, fertilizerUse } from '@soilgraph/db/agriculture';
import type { PreparedBatch } from '@soilgraph/server-kit';
import { eq, inArray, sql } from 'drizzle-orm';
import type { FertilizerUseSubmissionRow } from '../inputs.ts';
import { cropYearKey } from './crop-year-writes.ts';
import { idFieldChanges, naturalKeyClashes } from './natural-key-writes.ts';

/** A fertiliser-use record as stored, in the canonical shape its audit digest is taken of. */
export interface FertilizerUseEntity {
  id: string;
  externalId: string;
  districtCode: string;
  year: number;
  crop: Crop;
  sownAreaHa: number;
  nitrogenT: number;
  phosphateT: number;
  potashT: number;
  compoundT: number;
  utilisationRatePct: number | null;
}

/** Rows per INSERT statement: well under Postgres's 65,535 parameters. */
const CHUNK = 1000;

/** The public id of a fertiliser-use record: FU-<district>-<year>-<crop>, as the demo's. */
export function fertilizerUseId(row: { districtCode: string; year: number; crop: Crop }): string {
  return `FU-${row.districtCode}-${row.year}-${row.crop}`;
}

const key = cropYearKey<FertilizerUseSubmissionRow, FertilizerUseEntity>(fertilizerUse, fertilizerUseId);

/** The stored records of these externalIds, by externalId. */
async function storedFertilizerUse(tx: Database, externalIds: readonly string[]): Promise<Map<string, FertilizerUseEntity>> {
  const stored = await tx
    .select()
    .from(fertilizerUse)
    .where(inArray(fertilizerUse.externalId, [...externalIds]));
  return new Map(stored.map(({ createdAt: _c, updatedAt: _u, ...r }) => [r.externalId, r as FertilizerUseEntity]));
}

/** The upsert of fertiliser use (the checks are prepareFertilizerUse's). */
export const fertilizerUseUpsert: UpsertSpec<FertilizerUseSubmissionRow, FertilizerUseEntity> = {
  entityType: 'FertilizerUse',
  existing: storedFertilizerUse,
  build(row, current) {
    return {
      id: current?.id ?? fertilizerUseId(row),
      externalId: row.externalId,
      districtCode: row.districtCode,
      year: row.year,
      crop: row.crop,
      sownAreaHa: row.sownAreaHa,
      nitrogenT: row.nitrogenT,
      phosphateT: row.phosphateT,
      potashT: row.potashT,
      compoundT: row.compoundT,
      utilisationRatePct: row.utilisationRatePct ?? null,
    };
  },
  async save(tx, records) {
    const created = records.filter((r) => r.created).map((r) => r.entity);
    const updated = records.filter((r) => !r.created).map((r) => r.entity);
    for (let i = 0; i < created.length; i += CHUNK) await tx.insert(fertilizerUse).values(created.slice(i, i + CHUNK));
    for (const entity of updated) await tx.update(fertilizerUse).set({ ...entity, updatedAt: sql`now()` }).where(eq(fertilizerUse.id, entity.id));
  },
};

/**
 * The checks of a batch of fertiliser use (run under the write lock by writeBatch): a row may not change
 * the district, year or crop of its record, and a new externalId may not take a district, year
 * and crop already recorded under another one.
 */
export async function prepareFertilizerUse(tx: Database, rows: readonly FertilizerUseSubmissionRow[]): Promise<PreparedBatch<FertilizerUseSubmissionRow, FertilizerUseEntity>> {
  const current = await storedFertilizerUse(
    tx,
    rows.map((r) => r.externalId),
  );
  const rejected = [...idFieldChanges(key, rows, current), ...(await naturalKeyClashes(tx, key, rows, current))].sort((a, b) => a.index - b.index);
  return { rejected, spec: fertilizerUseUpsert };
}
