import type { Database, UpsertSpec } from '@soilgraph/db';
import { type MonitoringPurpose, monitoringPoints, type NetworkLevel } from '@soilgraph/db/environment';
import type { RejectedRow } from '@soilgraph/server-kit';
import { eq, inArray, or, sql } from 'drizzle-orm';
import type { MonitoringPointSubmissionRow } from '../inputs.ts';
import { INSERT_CHUNK } from './checked-writes.ts';
import { type PreparedBatch, rejectedRow } from '@soilgraph/server-kit';

/** A monitoring point as stored, in the canonical shape its audit digest is taken of (lon/lat follow from location). */
export interface MonitoringPointEntity {
  id: string;
  externalId: string;
  code: string;
  name: string;
  level: NetworkLevel;
  purpose: MonitoringPurpose;
  districtCode: string;
  parcelId: string | null;
  waterSourceId: string | null;
  location: { type: 'Point'; coordinates: [number, number] };
  establishedOn: string | null;
}

/**
 * The submitter gives a point's public id (the network's MP-<district>-<serial>, which samples
 * name); build keeps it. A point whose stored id differs is refused before build (checks below):
 * ids never change, so samples keep their point.
 */
export const monitoringPointUpsert: UpsertSpec<MonitoringPointSubmissionRow, MonitoringPointEntity> = {
  entityType: 'MonitoringPoint',
  async existing(tx, externalIds) {
    const rows = await tx.select().from(monitoringPoints).where(inArray(monitoringPoints.externalId, [...externalIds]));
    return new Map(
      rows.map((r) => [
        r.externalId,
        {
          id: r.id,
          externalId: r.externalId,
          code: r.code,
          name: r.name,
          level: r.level,
          purpose: r.purpose,
          districtCode: r.districtCode,
          parcelId: r.parcelId,
          waterSourceId: r.waterSourceId,
          location: { type: 'Point', coordinates: [r.lon, r.lat] },
          establishedOn: r.establishedOn,
        },
      ]),
    );
  },
  build(row, current) {
    return {
      id: current?.id ?? row.id,
      externalId: row.externalId,
      code: row.code,
      name: row.name,
      level: row.level,
      purpose: row.purpose,
      districtCode: row.districtCode,
      parcelId: row.parcelId ?? null,
      waterSourceId: row.waterSourceId ?? null,
      location: { type: 'Point', coordinates: [row.location.coordinates[0], row.location.coordinates[1]] },
      establishedOn: row.establishedOn ?? null,
    };
  },
  async save(tx, records) {
    const toRow = (e: MonitoringPointEntity) => ({ ...e, lon: e.location.coordinates[0], lat: e.location.coordinates[1] });
    const created = records.filter((r) => r.created).map((r) => toRow(r.entity));
    const updated = records.filter((r) => !r.created).map((r) => toRow(r.entity));
    for (let i = 0; i < created.length; i += INSERT_CHUNK) await tx.insert(monitoringPoints).values(created.slice(i, i + INSERT_CHUNK));
    for (const row of updated) await tx.update(monitoringPoints).set({ ...row, updatedAt: sql`now()` }).where(eq(monitoringPoints.id, row.id));
  },
};

/**
 * Rows whose id or code another point holds, or that would change a point's id. A code another
 * stored point holds is taken even when that point gives it up in the same batch (swap codes in
 * two batches): the unique constraint is checked row by row.
 */
export async function monitoringPointConflicts(tx: Database, rows: readonly MonitoringPointSubmissionRow[], argumentName = 'points'): Promise<RejectedRow[]> {
  const stored = await tx
    .select({ id: monitoringPoints.id, externalId: monitoringPoints.externalId, code: monitoringPoints.code })
    .from(monitoringPoints)
    .where(
      or(
        inArray(
          monitoringPoints.externalId,
          rows.map((r) => r.externalId),
        ),
        inArray(
          monitoringPoints.id,
          rows.map((r) => r.id),
        ),
        inArray(
          monitoringPoints.code,
          rows.map((r) => r.code),
        ),
      ),
    );
  const byExternalId = new Map(stored.map((p) => [p.externalId, p]));
  const byId = new Map(stored.map((p) => [p.id, p]));
  const byCode = new Map(stored.map((p) => [p.code, p]));
  return rows.flatMap((row, index) => {
    const problems: RejectedRow[] = [];
    const self = byExternalId.get(row.externalId);
    const holder = byId.get(row.id);
    if (self !== undefined && self.id !== row.id) {
      problems.push(rejectedRow(argumentName, index, 'id', `the point with externalId ${JSON.stringify(row.externalId)} is ${self.id}; a point's id cannot change`));
    } else if (holder !== undefined && holder.externalId !== row.externalId) {
      problems.push(rejectedRow(argumentName, index, 'id', `${row.id} is already the id of another point (externalId ${JSON.stringify(holder.externalId)})`));
    }
    const codeHolder = byCode.get(row.code);
    if (codeHolder !== undefined && codeHolder.externalId !== row.externalId) {
      problems.push(rejectedRow(argumentName, index, 'code', `${row.code} is already the code of point ${codeHolder.id}`));
    }
    return problems;
  });
}

export async function prepareMonitoringPoints(tx: Database, rows: readonly MonitoringPointSubmissionRow[]): Promise<PreparedBatch<MonitoringPointSubmissionRow, MonitoringPointEntity>> {
  return { rejected: await monitoringPointConflicts(tx, rows), spec: monitoringPointUpsert };
}
