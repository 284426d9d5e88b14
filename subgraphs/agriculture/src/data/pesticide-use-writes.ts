import type { Database, UpsertSpec } from '@soilgraph/db';
import { type Crop, pesticideUse } from '@soilgraph/db/agriculture';
import type { PreparedBatch } from '@soilgraph/server-kit';
import { eq, inArray, sql } from 'drizzle-orm';
import type { PesticideUseSubmissionRow } from '../inputs.ts';
import { cropYearKey } from './crop-year-writes.ts';
import { idFieldChanges, naturalKeyClashes } from './natural-key-writes.ts';

/** A pesticide-use record as stored, in the canonical shape its audit digest is taken of. */
export interface PesticideUseEntity {
  id: string;
  externalId: string;
  districtCode: string;
  year: number;
  crop: Crop;
  activeIngredientT: number;
  environmentFriendlySharePct: number;
  utilisationRatePct: number | null;
}

/** Rows per INSERT statement: well under Postgres's 65,535 parameters. */
const CHUNK = 1000;

/** The public id of a pesticide-use record: PU-<district>-<year>-<crop>, as the demo's. */
export function pesticideUseId(row: { districtCode: string; year: number; crop: Crop }): string {
  return `PU-${row.districtCode}-${row.year}-${row.crop}`;
}

const key = cropYearKey<PesticideUseSubmissionRow, PesticideUseEntity>(pesticideUse, pesticideUseId);

/** The stored records of these externalIds, by externalId. */
async function storedPesticideUse(tx: Database, externalIds: readonly string[]): Promise<Map<string, PesticideUseEntity>> {
  const stored = await tx
    .select()
    .from(pesticideUse)
    .where(inArray(pesticideUse.externalId, [...externalIds]));
  return new Map(stored.map(({ createdAt: _c, updatedAt: _u, ...r }) => [r.externalId, r as PesticideUseEntity]));
}

/** The upsert of pesticide use (the checks are preparePesticideUse's). */
export const pesticideUseUpsert: UpsertSpec<PesticideUseSubmissionRow, PesticideUseEntity> = {
  entityType: 'PesticideUse',
  existing: storedPesticideUse,
  build(row, current) {
    return {
      id: current?.id ?? pesticideUseId(row),
      externalId: row.externalId,
      districtCode: row.districtCode,
      year: row.year,
      crop: row.crop,
      activeIngredientT: row.activeIngredientT,
      environmentFriendlySharePct: row.environmentFriendlySharePct,
      utilisationRatePct: row.utilisationRatePct ?? null,
    };
  },
  async save(tx, records) {
    const created = records.filter((r) => r.created).map((r) => r.entity);
    const updated = records.filter((r) => !r.created).map((r) => r.entity);
    for (let i = 0; i < created.length; i += CHUNK) await tx.insert(pesticideUse).values(created.slice(i, i + CHUNK));
    for (const entity of updated) await tx.update(pesticideUse).set({ ...entity, updatedAt: sql`now()` }).where(eq(pesticideUse.id, entity.id));
  },
};

/**
 * The checks of a batch of pesticide use (run under the write lock by writeBatch): a row may not change
 * the district, year or crop of its record, and a new externalId may not take a district, year
 * and crop already recorded under another one.
 */
export async function preparePesticideUse(tx: Database, rows: readonly PesticideUseSubmissionRow[]): Promise<PreparedBatch<PesticideUseSubmissionRow, PesticideUseEntity>> {
  const current = await storedPesticideUse(
    tx,
    rows.map((r) => r.externalId),
  );
  const rejected = [...idFieldChanges(key, rows, current), ...(await naturalKeyClashes(tx, key, rows, current))].sort((a, b) => a.index - b.index);
  return { rejected, spec: pesticideUseUpsert };
}
