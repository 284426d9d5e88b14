import type { Database, UpsertSpec } from '@soilgraph/db';
import { type WaterSourceKind, waterSources } from '@soilgraph/db/water';
import type { RejectedRow } from '@soilgraph/server-kit';
import { eq, inArray, or, sql } from 'drizzle-orm';
import type { WaterSourceSubmissionRow } from '../inputs.ts';

/** A source as stored, in the canonical shape its audit digest is taken of (the table's columns but the timestamps). */
export interface WaterSourceEntity {
  id: string;
  externalId: string;
  name: string;
  kind: WaterSourceKind;
  districtCode: string;
  location: { type: 'Point'; coordinates: [number, number] };
  lon: number;
  lat: number;
  capacityM3PerDay: number;
  servedPopulation: number | null;
  inServiceSince: number | null;
}

/** Rows per INSERT statement: well under Postgres's 65,535 parameters. */
const CHUNK = 1000;

const rejectedAt = (argumentName: string, index: number, field: string, message: string): RejectedRow => ({
  index,
  argumentPath: [argumentName, index, field],
  message: `${argumentName}.${index}.${field}: ${message}`,
});

/**
 * Rows whose public id contradicts what is stored: an externalId that already names a source
 * under another id (ids never change), or an id that already names the source of another
 * externalId. Checked before the write; the primary key and the externalId's unique constraint
 * still hold if a concurrent batch gets in between (that batch then fails whole).
 */
export async function waterSourceIdConflicts(db: Database, rows: readonly WaterSourceSubmissionRow[]): Promise<RejectedRow[]> {
  const stored = await db
    .select({ id: waterSources.id, externalId: waterSources.externalId })
    .from(waterSources)
    .where(
      or(
        inArray(
          waterSources.externalId,
          rows.map((r) => r.externalId),
        ),
        inArray(
          waterSources.id,
          rows.map((r) => r.id),
        ),
      ),
    );
  const idByExternalId = new Map(stored.map((s) => [s.externalId, s.id]));
  const externalIdById = new Map(stored.map((s) => [s.id, s.externalId]));
  return rows.flatMap((row, index) => {
    const storedId = idByExternalId.get(row.externalId);
    if (storedId !== undefined && storedId !== row.id) {
      return [rejectedAt('sources', index, 'id', `externalId ${JSON.stringify(row.externalId)} is source ${storedId}; a source's id never changes`)];
    }
    const owner = externalIdById.get(row.id);
    if (owner !== undefined && owner !== row.externalId) {
      return [rejectedAt('sources', index, 'id', `${row.id} is already the source submitted as externalId ${JSON.stringify(owner)}`)];
    }
    return [];
  });
}

export const waterSourceUpsert: UpsertSpec<WaterSourceSubmissionRow, WaterSourceEntity> = {
  entityType: 'WaterSource',
  async existing(tx, externalIds) {
    const rows = await tx.select().from(waterSources).where(inArray(waterSources.externalId, [...externalIds]));
    return new Map(
      rows.map((r) => [
        r.externalId,
        {
          id: r.id,
          externalId: r.externalId,
          name: r.name,
          kind: r.kind,
          districtCode: r.districtCode,
          location: r.location as WaterSourceEntity['location'],
          lon: r.lon,
          lat: r.lat,
          capacityM3PerDay: r.capacityM3PerDay,
          servedPopulation: r.servedPopulation,
          inServiceSince: r.inServiceSince,
        },
      ]),
    );
  },
  build(row, current) {
    const [lon, lat] = row.location.coordinates;
    return {
      // The submitted id; waterSourceIdConflicts has checked it is the current one's.
      id: current?.id ?? row.id,
      externalId: row.externalId,
      name: row.name,
      kind: row.kind,
      districtCode: row.districtCode,
      location: { type: 'Point', coordinates: [lon, lat] },
      lon,
      lat,
      capacityM3PerDay: row.capacityM3PerDay,
      servedPopulation: row.servedPopulation ?? null,
      inServiceSince: row.inServiceSince ?? null,
    };
  },
  async save(tx, records) {
    const now = sql`now()`;
    const created = records.filter((r) => r.created).map((r) => r.entity);
    const updated = records.filter((r) => !r.created).map((r) => r.entity);
    for (let i = 0; i < created.length; i += CHUNK) await tx.insert(waterSources).values(created.slice(i, i + CHUNK));
    for (const entity of updated) await tx.update(waterSources).set({ ...entity, updatedAt: now }).where(eq(waterSources.id, entity.id));
  },
};
