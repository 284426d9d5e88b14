import type { Database, UpsertSpec } from '@soilgraph/db';
import { type LandUseChangeStatus, landUseChanges, parcels } from '@soilgraph/db/planning';
import { batchRejected, type RejectedRow } from '@soilgraph/server-kit';
import { eq, inArray, sql } from 'drizzle-orm';
import type { LandUseChangeSubmissionRow } from '../inputs.ts';

/** A planned-use change case as stored, in the canonical shape its audit digest is taken of. */
export interface LandUseChangeEntity {
  id: string;
  externalId: string;
  caseNumber: string;
  parcelId: string;
  districtCode: string;
  fromPlannedUse: string | null;
  toPlannedUse: string;
  status: LandUseChangeStatus;
  proposedOn: string;
  decidedOn: string | null;
}

/** Rows per INSERT statement: well under Postgres's 65,535 parameters. */
const CHUNK = 1000;

/** The public id of a district's n-th case: LUC-<district>-<serial>, the serial at least 3 digits. */
export function landUseChangeId(districtCode: string, serial: number): string {
  return `LUC-${districtCode}-${String(serial).padStart(3, '0')}`;
}

/** The highest case serial of each given district (0 when it has none): ids LUC-<district>-<serial>. */
export async function lastCaseSerials(db: Database, districtCodes: readonly string[]): Promise<Map<string, number>> {
  const wanted = [...new Set(districtCodes)];
  const last = new Map(wanted.map((d) => [d, 0]));
  if (wanted.length === 0) return last;
  const t = landUseChanges;
  const serial = sql<string | null>`max(cast(substring(${t.id} from '^LUC-[0-9]{6}-([0-9]+)$') as bigint))`;
  const rows = await db.select({ districtCode: t.districtCode, serial }).from(t).where(inArray(t.districtCode, wanted)).groupBy(t.districtCode);
  for (const row of rows) if (row.serial !== null) last.set(row.districtCode, Number(row.serial));
  return last;
}

/**
 * Rows naming a parcel planning does not have, or moving a registered case to another parcel,
 * as rejected rows under `argumentName`. `current` holds the registered cases of the rows'
 * externalIds, `parcelDistricts` the district of each known parcel.
 */
export function landUseChangeReferenceProblems(
  rows: readonly LandUseChangeSubmissionRow[],
  current: ReadonlyMap<string, Pick<LandUseChangeEntity, 'id' | 'parcelId'>>,
  parcelDistricts: ReadonlyMap<string, string>,
  argumentName = 'changes',
): RejectedRow[] {
  return rows.flatMap((row, index) => {
    const path = [argumentName, index, 'parcelId'];
    const registered = current.get(row.externalId);
    if (registered !== undefined && registered.parcelId !== row.parcelId) {
      return [{ index, argumentPath: path, message: `${path.join('.')}: case ${registered.id} is on parcel ${JSON.stringify(registered.parcelId)}; a case stays on its parcel (register a new case for another parcel)` }];
    }
    if (!parcelDistricts.has(row.parcelId)) return [{ index, argumentPath: path, message: `${path.join('.')}: no parcel ${JSON.stringify(row.parcelId)} in planning` }];
    return [];
  });
}

/**
 * The upsert of one batch of cases. Reading the current cases inside the write transaction
 * (under planning's write lock), it also refuses, with every bad row, a case on an unknown
 * parcel or moved to another parcel, and numbers the new cases: each gets its parcel's district
 * and the next serial of that district, in input order. Writing a case never changes its parcel.
 */
export function landUseChangeUpsert(rows: readonly LandUseChangeSubmissionRow[], argumentName = 'changes'): UpsertSpec<LandUseChangeSubmissionRow, LandUseChangeEntity> {
  let parcelDistricts = new Map<string, string>();
  let lastSerials = new Map<string, number>();
  return {
    entityType: 'LandUseChange',
    async existing(tx, externalIds) {
      const stored = await tx.select().from(landUseChanges).where(inArray(landUseChanges.externalId, [...externalIds]));
      const current = new Map<string, LandUseChangeEntity>(
        stored.map((r) => [
          r.externalId,
          {
            id: r.id,
            externalId: r.externalId,
            caseNumber: r.caseNumber,
            parcelId: r.parcelId,
            districtCode: r.districtCode,
            fromPlannedUse: r.fromPlannedUse,
            toPlannedUse: r.toPlannedUse,
            status: r.status,
            proposedOn: r.proposedOn,
            decidedOn: r.decidedOn,
          },
        ]),
      );
      const parcelIds = [...new Set(rows.map((r) => r.parcelId))];
      const known = parcelIds.length === 0 ? [] : await tx.select({ id: parcels.id, districtCode: parcels.districtCode }).from(parcels).where(inArray(parcels.id, parcelIds));
      parcelDistricts = new Map(known.map((p) => [p.id, p.districtCode]));
      const problems = landUseChangeReferenceProblems(rows, current, parcelDistricts, argumentName);
      if (problems.length > 0) throw batchRejected(problems, rows.length, argumentName);
      const newCaseDistricts = rows.filter((r) => !current.has(r.externalId)).map((r) => parcelDistricts.get(r.parcelId)!);
      lastSerials = await lastCaseSerials(tx, newCaseDistricts);
      return current;
    },
    build(row, current) {
      const districtCode = parcelDistricts.get(row.parcelId)!;
      let id = current?.id;
      if (id === undefined) {
        const serial = lastSerials.get(districtCode)! + 1;
        lastSerials.set(districtCode, serial);
        id = landUseChangeId(districtCode, serial);
      }
      return {
        id,
        externalId: row.externalId,
        caseNumber: row.caseNumber,
        parcelId: row.parcelId,
        districtCode,
        fromPlannedUse: row.fromPlannedUse ?? null,
        toPlannedUse: row.toPlannedUse,
        status: row.status,
        proposedOn: row.proposedOn,
        decidedOn: row.decidedOn ?? null,
      };
    },
    async save(tx, records) {
      const created = records.filter((r) => r.created).map((r) => r.entity);
      const updated = records.filter((r) => !r.created).map((r) => r.entity);
      for (let i = 0; i < created.length; i += CHUNK) await tx.insert(landUseChanges).values(created.slice(i, i + CHUNK));
      for (const entity of updated) await tx.update(landUseChanges).set({ ...entity, updatedAt: sql`now()` }).where(eq(landUseChanges.id, entity.id));
    },
  };
}
