import type { Database, UpsertSpec } from '@soilgraph/db';
import { enterprises } from '@soilgraph/db/environment';
import type { RejectedRow } from '@soilgraph/server-kit';
import { eq, inArray, or, sql } from 'drizzle-orm';
import type { EnterpriseSubmissionRow } from '../inputs.ts';
import { INSERT_CHUNK } from './checked-writes.ts';
import { type PreparedBatch, rejectedRow } from '@soilgraph/server-kit';

/**
 * An enterprise as stored, in the canonical shape its audit digest is taken of: `id` is the
 * unified social credit code (the entity's public key), lon/lat follow from location.
 */
export interface EnterpriseEntity {
  id: string;
  externalId: string;
  name: string;
  industry: string;
  districtCode: string;
  parcelId: string | null;
  location: { type: 'Point'; coordinates: [number, number] };
  supervisedSince: number;
}

/** Enterprises are keyed by their credit code: build keeps it; a change of code is refused before (checks below). */
export const enterpriseUpsert: UpsertSpec<EnterpriseSubmissionRow, EnterpriseEntity> = {
  entityType: 'Enterprise',
  async existing(tx, externalIds) {
    const rows = await tx.select().from(enterprises).where(inArray(enterprises.externalId, [...externalIds]));
    return new Map(
      rows.map((r) => [
        r.externalId,
        {
          id: r.creditCode,
          externalId: r.externalId,
          name: r.name,
          industry: r.industry,
          districtCode: r.districtCode,
          parcelId: r.parcelId,
          location: { type: 'Point', coordinates: [r.lon, r.lat] },
          supervisedSince: r.supervisedSince,
        },
      ]),
    );
  },
  build(row, current) {
    return {
      id: current?.id ?? row.creditCode,
      externalId: row.externalId,
      name: row.name,
      industry: row.industry,
      districtCode: row.districtCode,
      parcelId: row.parcelId ?? null,
      location: { type: 'Point', coordinates: [row.location.coordinates[0], row.location.coordinates[1]] },
      supervisedSince: row.supervisedSince,
    };
  },
  async save(tx, records) {
    const toRow = ({ id, ...e }: EnterpriseEntity) => ({ creditCode: id, ...e, lon: e.location.coordinates[0], lat: e.location.coordinates[1] });
    const created = records.filter((r) => r.created).map((r) => toRow(r.entity));
    const updated = records.filter((r) => !r.created).map((r) => toRow(r.entity));
    for (let i = 0; i < created.length; i += INSERT_CHUNK) await tx.insert(enterprises).values(created.slice(i, i + INSERT_CHUNK));
    for (const row of updated) await tx.update(enterprises).set({ ...row, updatedAt: sql`now()` }).where(eq(enterprises.creditCode, row.creditCode));
  },
};

/** Rows whose credit code another enterprise holds, or that would change an enterprise's code. */
export async function enterpriseConflicts(tx: Database, rows: readonly EnterpriseSubmissionRow[], argumentName = 'enterprises'): Promise<RejectedRow[]> {
  const stored = await tx
    .select({ creditCode: enterprises.creditCode, externalId: enterprises.externalId })
    .from(enterprises)
    .where(
      or(
        inArray(
          enterprises.externalId,
          rows.map((r) => r.externalId),
        ),
        inArray(
          enterprises.creditCode,
          rows.map((r) => r.creditCode),
        ),
      ),
    );
  const byExternalId = new Map(stored.map((e) => [e.externalId, e]));
  const byCode = new Map(stored.map((e) => [e.creditCode, e]));
  return rows.flatMap((row, index) => {
    const self = byExternalId.get(row.externalId);
    if (self !== undefined && self.creditCode !== row.creditCode) {
      return [rejectedRow(argumentName, index, 'creditCode', `the enterprise with externalId ${JSON.stringify(row.externalId)} is ${self.creditCode}; an enterprise's credit code cannot change`)];
    }
    const holder = byCode.get(row.creditCode);
    if (holder !== undefined && holder.externalId !== row.externalId) {
      return [rejectedRow(argumentName, index, 'creditCode', `${row.creditCode} is already the credit code of another enterprise (externalId ${JSON.stringify(holder.externalId)})`)];
    }
    return [];
  });
}

export async function prepareEnterprises(tx: Database, rows: readonly EnterpriseSubmissionRow[]): Promise<PreparedBatch<EnterpriseSubmissionRow, EnterpriseEntity>> {
  return { rejected: await enterpriseConflicts(tx, rows), spec: enterpriseUpsert };
}
