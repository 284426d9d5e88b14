import { type Database, externalIdSuffix, type UpsertSpec } from '@soilgraph/db';
import { type FarmlandClass, farmlandClassDecisions } from '@soilgraph/db/agriculture';
import type { PreparedBatch } from '@soilgraph/server-kit';
import { eq, inArray, sql } from 'drizzle-orm';
import type { FarmlandClassDecisionSubmissionRow } from '../inputs.ts';
import { type IdFields, idFieldChanges } from './natural-key-writes.ts';

/** A decision as stored, in the canonical shape its audit digest is taken of. */
export interface FarmlandClassDecisionEntity {
  id: string;
  externalId: string;
  parcelId: string;
  districtCode: string;
  farmlandClass: FarmlandClass;
  decidedOn: string;
  basis: string;
  decisionDocument: string | null;
}

/** Rows per INSERT statement: well under Postgres's 65,535 parameters. */
const CHUNK = 1000;

/**
 * The public id of a new decision: FCD-<parcel id>-<first 10 hex digits of the SHA-256 of its
 * externalId>. The demo's decisions number each parcel's decisions (FCD-<parcel id>-1, -2), which
 * a submission cannot do without reading and racing on the parcel's history; the hash is stable,
 * needs nothing stored, and never looks like a serial.
 */
export function newDecisionId(parcelId: string, externalId: string): string {
  return `FCD-${parcelId}-${externalIdSuffix(externalId)}`;
}

const parcelKey: IdFields<FarmlandClassDecisionSubmissionRow, FarmlandClassDecisionEntity> = {
  argumentName: 'decisions',
  fields: ['parcelId'],
  named: 'parcel',
  describe: (d) => `parcel ${JSON.stringify(d.parcelId)}`,
};

/** The stored decisions of these externalIds, by externalId. */
async function storedDecisions(tx: Database, externalIds: readonly string[]): Promise<Map<string, FarmlandClassDecisionEntity>> {
  const stored = await tx
    .select()
    .from(farmlandClassDecisions)
    .where(inArray(farmlandClassDecisions.externalId, [...externalIds]));
  return new Map(stored.map(({ createdAt: _c, updatedAt: _u, ...r }) => [r.externalId, r as FarmlandClassDecisionEntity]));
}

/** The upsert of decisions (the checks are prepareFarmlandClassDecisions'). */
export const farmlandClassDecisionUpsert: UpsertSpec<FarmlandClassDecisionSubmissionRow, FarmlandClassDecisionEntity> = {
  entityType: 'FarmlandClassDecision',
  existing: storedDecisions,
  build(row, current) {
    return {
      id: current?.id ?? newDecisionId(row.parcelId, row.externalId),
      externalId: row.externalId,
      parcelId: row.parcelId,
      districtCode: row.districtCode,
      farmlandClass: row.farmlandClass,
      decidedOn: row.decidedOn,
      basis: row.basis,
      decisionDocument: row.decisionDocument ?? null,
    };
  },
  async save(tx, records) {
    const created = records.filter((r) => r.created).map((r) => r.entity);
    const updated = records.filter((r) => !r.created).map((r) => r.entity);
    for (let i = 0; i < created.length; i += CHUNK) await tx.insert(farmlandClassDecisions).values(created.slice(i, i + CHUNK));
    for (const entity of updated) await tx.update(farmlandClassDecisions).set({ ...entity, updatedAt: sql`now()` }).where(eq(farmlandClassDecisions.id, entity.id));
  },
};

/** The checks of a batch of decisions (run under the write lock by writeBatch): a row may not move its decision to another parcel. */
export async function prepareFarmlandClassDecisions(
  tx: Database,
  rows: readonly FarmlandClassDecisionSubmissionRow[],
): Promise<PreparedBatch<FarmlandClassDecisionSubmissionRow, FarmlandClassDecisionEntity>> {
  const current = await storedDecisions(
    tx,
    rows.map((r) => r.externalId),
  );
  return { rejected: idFieldChanges(parcelKey, rows, current), spec: farmlandClassDecisionUpsert };
}
