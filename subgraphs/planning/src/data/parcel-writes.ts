import type { Database, UpsertSpec } from '@soilgraph/db';
import { parcels } from '@soilgraph/db/planning';
import { type BBoxColumns, bboxOf } from '@soilgraph/geo';
import { type PreparedBatch, type RejectedRow, rejectedRow } from '@soilgraph/server-kit';
import { eq, inArray, sql } from 'drizzle-orm';
import type { MultiPolygon, Polygon } from 'geojson';
import type { ParcelSubmissionRow } from '../inputs.ts';

/** A parcel as stored, in the canonical shape its audit digest is taken of. */
export interface ParcelEntity extends BBoxColumns {
  id: string;
  externalId: string;
  districtCode: string;
  name: string;
  landUse: string;
  plannedUse: string | null;
  areaHa: number;
  geometry: Polygon | MultiPolygon;
}

/** Rows per INSERT statement: well under Postgres's 65,535 parameters. */
const CHUNK = 1000;

const entityOf = (r: typeof parcels.$inferSelect): ParcelEntity => ({
  id: r.id,
  externalId: r.externalId,
  districtCode: r.districtCode,
  name: r.name,
  landUse: r.landUse,
  plannedUse: r.plannedUse,
  areaHa: r.areaHa,
  geometry: r.geometry as ParcelEntity['geometry'],
  minLon: r.minLon,
  minLat: r.minLat,
  maxLon: r.maxLon,
  maxLat: r.maxLat,
});

/**
 * Rows that would change a registered parcel's id or district, or take an id another parcel
 * holds, as rejected rows under `argumentName`. `current` holds the registered parcels of the
 * rows' externalIds.
 */
export async function parcelIdentityProblems(
  db: Database,
  rows: readonly ParcelSubmissionRow[],
  current: ReadonlyMap<string, Pick<ParcelEntity, 'id' | 'districtCode'>>,
  argumentName = 'parcels',
): Promise<RejectedRow[]> {
  const holders = new Map<string, string>();
  const ids = [...new Set(rows.map((r) => r.id))];
  if (ids.length > 0) {
    for (const p of await db.select({ id: parcels.id, externalId: parcels.externalId }).from(parcels).where(inArray(parcels.id, ids))) holders.set(p.id, p.externalId);
  }
  const problems: RejectedRow[] = [];
  const reject = (index: number, field: string, message: string) => problems.push(rejectedRow(argumentName, index, field, message));
  rows.forEach((row, index) => {
    const registered = current.get(row.externalId);
    if (registered !== undefined) {
      if (registered.id !== row.id) reject(index, 'id', `this externalId is parcel ${JSON.stringify(registered.id)}; a parcel's id cannot change`);
      if (registered.districtCode !== row.districtCode) {
        reject(index, 'districtCode', `parcel ${JSON.stringify(registered.id)} lies in district ${registered.districtCode}; a parcel's district cannot change (its planned-use cases are registered there)`);
      }
    } else {
      const holder = holders.get(row.id);
      if (holder !== undefined) reject(index, 'id', `parcel ${JSON.stringify(row.id)} is already registered under another externalId`);
    }
  });
  return problems;
}

/**
 * The upsert of parcels. It checks nothing: prepareParcels has refused, under planning's write
 * lock, every row that would change a parcel's id or district or take an id another parcel holds.
 */
export const parcelUpsert: UpsertSpec<ParcelSubmissionRow, ParcelEntity> = {
  entityType: 'Parcel',
  async existing(tx, externalIds) {
    const stored = await tx.select().from(parcels).where(inArray(parcels.externalId, [...externalIds]));
    return new Map(stored.map((r) => [r.externalId, entityOf(r)]));
  },
  build(row, current) {
    const geometry: ParcelEntity['geometry'] =
      row.geometry.type === 'Polygon'
        ? { type: 'Polygon', coordinates: row.geometry.coordinates.map((ring) => ring.map(([lon, lat]) => [lon, lat])) }
        : { type: 'MultiPolygon', coordinates: row.geometry.coordinates.map((polygon) => polygon.map((ring) => ring.map(([lon, lat]) => [lon, lat]))) };
    return {
      // Equal to the submitted id: prepareParcels refused any row that would change it.
      id: current?.id ?? row.id,
      externalId: row.externalId,
      districtCode: row.districtCode,
      name: row.name,
      landUse: row.landUse,
      plannedUse: row.plannedUse ?? null,
      areaHa: row.areaHa,
      geometry,
      ...bboxOf(geometry),
    };
  },
  async save(tx, records) {
    const created = records.filter((r) => r.created).map((r) => r.entity);
    const updated = records.filter((r) => !r.created).map((r) => r.entity);
    for (let i = 0; i < created.length; i += CHUNK) await tx.insert(parcels).values(created.slice(i, i + CHUNK));
    for (const entity of updated) await tx.update(parcels).set({ ...entity, updatedAt: sql`now()` }).where(eq(parcels.id, entity.id));
  },
};

/**
 * The checks of a batch of parcels against planning's tables (run by writeBatch under planning's
 * write lock, so no concurrent batch can slip in between): a change of a registered parcel's id
 * or district, and an id another parcel holds, each a rejected row.
 */
export async function prepareParcels(tx: Database, rows: readonly ParcelSubmissionRow[], argumentName = 'parcels'): Promise<PreparedBatch<ParcelSubmissionRow, ParcelEntity>> {
  const externalIds = rows.map((r) => r.externalId);
  const stored =
    externalIds.length === 0
      ? []
      : await tx.select({ id: parcels.id, externalId: parcels.externalId, districtCode: parcels.districtCode }).from(parcels).where(inArray(parcels.externalId, externalIds));
  const current = new Map(stored.map((r) => [r.externalId, r]));
  return { rejected: await parcelIdentityProblems(tx, rows, current, argumentName), spec: parcelUpsert };
}
