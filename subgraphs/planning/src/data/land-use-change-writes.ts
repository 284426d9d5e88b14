import type { Database, UpsertSpec } from '@soilgraph/db';
import { type LandUseChangeStatus, landUseChanges, parcels } from '@soilgraph/db/planning';
import { type PreparedBatch, type RejectedRow, rejectedRow } from '@soilgraph/server-kit';
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
    const registered = current.get(row.externalId);
    if (registered !== undefined && registered.parcelId !== row.parcelId) {
      return [rejectedRow(argumentName, index, 'parcelId', `case ${registered.id} is on parcel ${JSON.stringify(registered.parcelId)}; a case stays on its parcel (register a new case for another parcel)`)];
    }
    if (!parcelDistricts.has(row.parcelId)) return [rejectedRow(argumentName, index, 'parcelId', `no parcel ${JSON.stringify(row.parcelId)} in planning`)];
    return [];
  });
}

/**
 * The upsert of one checked batch of cases: each case gets its parcel's district (from
 * `parcelDistricts`) and a new case the next serial of that district after `lastSerials`, in
 * input order. Writing a case never changes its parcel.
 */
export function landUseChangeUpsert(parcelDistricts: ReadonlyMap<string, string>, lastSerials: ReadonlyMap<string, number>): UpsertSpec<LandUseChangeSubmissionRow, LandUseChangeEntity> {
  const next = new Map(lastSerials);
  return {
    entityType: 'LandUseChange',
    async existing(tx, externalIds) {
      const stored = await tx.select().from(landUseChanges).where(inArray(landUseChanges.externalId, [...externalIds]));
      return new Map<string, LandUseChangeEntity>(
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
    },
    build(row, current) {
      const districtCode = parcelDistricts.get(row.parcelId)!;
      let id = current?.id;
      if (id === undefined) {
        const serial = next.get(districtCode)! + 1;
        next.set(districtCode, serial);
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

/**
 * The checks of a batch of cases against planning's tables (run by writeBatch under planning's
 * write lock): a case on an unknown parcel or moved to another parcel is a rejected row. For a
 * sound batch it reads the districts of the cases' parcels and the last case serial of each
 * district that gets a new case, which the spec numbers the new cases on from.
 */
export async function prepareLandUseChanges(
  tx: Database,
  rows: readonly LandUseChangeSubmissionRow[],
  argumentName = 'changes',
): Promise<PreparedBatch<LandUseChangeSubmissionRow, LandUseChangeEntity>> {
  const externalIds = rows.map((r) => r.externalId);
  const stored =
    externalIds.length === 0
      ? []
      : await tx.select({ id: landUseChanges.id, externalId: landUseChanges.externalId, parcelId: landUseChanges.parcelId }).from(landUseChanges).where(inArray(landUseChanges.externalId, externalIds));
  const current = new Map(stored.map((r) => [r.externalId, r]));
  const parcelIds = [...new Set(rows.map((r) => r.parcelId))];
  const known = parcelIds.length === 0 ? [] : await tx.select({ id: parcels.id, districtCode: parcels.districtCode }).from(parcels).where(inArray(parcels.id, parcelIds));
  const parcelDistricts = new Map(known.map((p) => [p.id, p.districtCode]));
  const rejected = landUseChangeReferenceProblems(rows, current, parcelDistricts, argumentName);
  if (rejected.length > 0) return { rejected, spec: landUseChangeUpsert(parcelDistricts, new Map()) };
  const newCaseDistricts = rows.filter((r) => !current.has(r.externalId)).map((r) => parcelDistricts.get(r.parcelId)!);
  return { rejected, spec: landUseChangeUpsert(parcelDistricts, await lastCaseSerials(tx, newCaseDistricts)) };
}
