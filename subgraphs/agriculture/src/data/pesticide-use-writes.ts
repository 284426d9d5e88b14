import type { UpsertSpec } from '@soilgraph/db';
import { type Crop, pesticideUse } from '@soilgraph/db/agriculture';
import { batchRejected } from '@soilgraph/server-kit';
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

/** The upsert of one batch of pesticide use, with the same checks under the write lock as fertiliser use. */
export function pesticideUseUpsert(rows: readonly PesticideUseSubmissionRow[]): UpsertSpec<PesticideUseSubmissionRow, PesticideUseEntity> {
  return {
    entityType: 'PesticideUse',
    async existing(tx, externalIds) {
      const stored = await tx
        .select()
        .from(pesticideUse)
        .where(inArray(pesticideUse.externalId, [...externalIds]));
      const current = new Map(stored.map(({ createdAt: _c, updatedAt: _u, ...r }) => [r.externalId, r as PesticideUseEntity]));
      const rejected = [...idFieldChanges(key, rows, current), ...(await naturalKeyClashes(tx, key, rows, current))].sort((a, b) => a.index - b.index);
      if (rejected.length > 0) throw batchRejected(rejected, rows.length, key.argumentName);
      return current;
    },
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
}
