import { afterKey, collectExact, type Database } from '@soilgraph/db';
import { parcels, type ParcelRow } from '@soilgraph/db/planning';
import { type BBoxColumns, bboxPolygon, geometriesIntersect } from '@soilgraph/geo';
import { type Connection, type Page, toConnection } from '@soilgraph/server-kit';
import { and, count, eq, gte, inArray, like, lte, or, type SQL } from 'drizzle-orm';
import { z } from 'zod';

export type { ParcelRow };
export type ParcelConnectionModel = Connection<ParcelRow>;

/** Parcels sort by id; a cursor is the last id seen. */
export const parcelCursor = z.tuple([z.string()]);
export type ParcelCursor = z.infer<typeof parcelCursor>;

/** A validated parcel filter: every field narrows the result (AND). */
export interface ParcelQuery {
  districtCode?: string;
  /** GB/T 21010 codes; two-digit codes match their whole first-level class. */
  landUse?: string[];
  plannedUse?: string[];
  bbox?: BBoxColumns;
}

function conditions(q: ParcelQuery): SQL | undefined {
  const parts: (SQL | undefined)[] = [];
  if (q.districtCode !== undefined) parts.push(eq(parcels.districtCode, q.districtCode));
  if (q.landUse !== undefined) {
    parts.push(or(...q.landUse.map((c) => (c.length === 2 ? like(parcels.landUse, `${c}%`) : eq(parcels.landUse, c)))));
  }
  if (q.plannedUse !== undefined) parts.push(inArray(parcels.plannedUse, q.plannedUse));
  if (q.bbox !== undefined) {
    parts.push(
      lte(parcels.minLon, q.bbox.maxLon),
      gte(parcels.maxLon, q.bbox.minLon),
      lte(parcels.minLat, q.bbox.maxLat),
      gte(parcels.maxLat, q.bbox.minLat),
    );
  }
  return and(...parts);
}

/** The exact spatial test run on candidates the indexed bbox columns selected. */
function exactTest(q: ParcelQuery): (row: ParcelRow) => boolean {
  if (q.bbox === undefined) return () => true;
  const box = bboxPolygon(q.bbox);
  return (row) => geometriesIntersect(row.geometry, box);
}

export async function parcelsByIds(db: Database, ids: readonly string[]): Promise<ParcelRow[]> {
  return db.select().from(parcels).where(inArray(parcels.id, [...ids]));
}

export async function findParcels(db: Database, q: ParcelQuery, page: Page<ParcelCursor>): Promise<ParcelConnectionModel> {
  const where = conditions(q);
  const fetchBatch = (after: ParcelCursor | undefined, size: number) =>
    db
      .select()
      .from(parcels)
      .where(and(where, after && afterKey([parcels.id], after)))
      .orderBy(parcels.id)
      .limit(size);
  const keyOf = (p: ParcelRow): ParcelCursor => [p.id];
  const rows = await collectExact(fetchBatch, keyOf, exactTest(q), page.limit + 1, page.after);
  return toConnection(rows, page, keyOf, () => countParcels(db, q));
}

export async function countParcels(db: Database, q: ParcelQuery): Promise<number> {
  if (q.bbox === undefined) {
    const [row] = await db.select({ n: count() }).from(parcels).where(conditions(q));
    return row?.n ?? 0;
  }
  const candidates = await db.select({ geometry: parcels.geometry }).from(parcels).where(conditions(q));
  const box = bboxPolygon(q.bbox);
  return candidates.filter((c) => geometriesIntersect(c.geometry, box)).length;
}
