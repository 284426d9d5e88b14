import { afterKey, bboxOverlapsBox, boxesRelation, collectExact, countPerParent, type Database, firstRowsPerParent, matchedBoxes } from '@soilgraph/db';
import { parcels, type ParcelRow } from '@soilgraph/db/planning';
import { landUseName } from '@soilgraph/domain';
import { type BBoxColumns, bboxOf, bboxPolygon, type Geometry, geometriesIntersect } from '@soilgraph/geo';
import { type Connection, manyByKey, type NestedListSource, type Page, toConnection } from '@soilgraph/server-kit';
import { and, asc, count, eq, gte, inArray, like, lte, or, type SQL } from 'drizzle-orm';
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

/** Parcels whose bounding box overlaps the box: the indexed pre-selection of a spatial test. */
function bboxOverlaps(b: BBoxColumns): SQL {
  return and(lte(parcels.minLon, b.maxLon), gte(parcels.maxLon, b.minLon), lte(parcels.minLat, b.maxLat), gte(parcels.maxLat, b.minLat))!;
}

function conditions(q: ParcelQuery): SQL | undefined {
  const parts: (SQL | undefined)[] = [];
  if (q.districtCode !== undefined) parts.push(eq(parcels.districtCode, q.districtCode));
  if (q.landUse !== undefined) {
    parts.push(or(...q.landUse.map((c) => (c.length === 2 ? like(parcels.landUse, `${c}%`) : eq(parcels.landUse, c)))));
  }
  if (q.plannedUse !== undefined) parts.push(inArray(parcels.plannedUse, q.plannedUse));
  if (q.bbox !== undefined) parts.push(bboxOverlaps(q.bbox));
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

/**
 * Each district's parcels as a nested list (District.parcels). With a bbox filter the exact test
 * runs in code, so a page cannot stop in SQL: every candidate in the box (after the cursor) is
 * read, still in one statement for all districts, the indexed box keeping them few.
 */
export function parcelsByDistrict(db: Database): NestedListSource<ParcelQuery, ParcelCursor, ParcelRow> {
  const keyOf = (p: ParcelRow): ParcelCursor => [p.id];
  const pages = async (codes: readonly string[], q: ParcelQuery, page: Page<ParcelCursor>) => {
    const where = and(conditions(q), page.after && afterKey([parcels.id], page.after));
    if (q.bbox === undefined) return firstRowsPerParent(db, parcels, parcels.districtCode, codes, where, [asc(parcels.id)], page.limit + 1);
    const candidates = await db.select().from(parcels).where(and(inArray(parcels.districtCode, [...codes]), where)).orderBy(parcels.id);
    return manyByKey(codes, candidates.filter(exactTest(q)), (p) => p.districtCode).flatMap((rows) => rows.slice(0, page.limit + 1));
  };
  const counts = async (codes: readonly string[], q: ParcelQuery) => {
    if (q.bbox === undefined) return countPerParent(db, parcels, parcels.districtCode, codes, conditions(q));
    const candidates = await db
      .select({ districtCode: parcels.districtCode, geometry: parcels.geometry })
      .from(parcels)
      .where(and(inArray(parcels.districtCode, [...codes]), conditions(q)));
    const box = bboxPolygon(q.bbox);
    const n = new Map<string, number>();
    for (const c of candidates) if (geometriesIntersect(c.geometry, box)) n.set(c.districtCode, (n.get(c.districtCode) ?? 0) + 1);
    return n;
  };
  return { pages, counts, parentOf: (p) => p.districtCode, keyOf };
}

/** Every parcel of the given districts, ordered by id. */
export async function parcelsByDistrictCodes(db: Database, codes: readonly string[]): Promise<ParcelRow[]> {
  return db.select().from(parcels).where(inArray(parcels.districtCode, [...codes])).orderBy(parcels.id);
}

/**
 * For each geometry, the parcels whose boundary intersects it, ordered by id. One statement
 * selects, for every geometry at once, the parcels whose bbox overlaps its bbox (db's boxes.ts);
 * the exact test runs in code.
 */
export async function parcelsIntersecting(db: Database, geometries: readonly Geometry[]): Promise<ParcelRow[][]> {
  if (geometries.length === 0) return [];
  const rows = await db
    .select({ parcel: parcels, boxes: matchedBoxes })
    .from(boxesRelation(geometries.map((g) => bboxOf(g))))
    .innerJoin(parcels, bboxOverlapsBox(parcels))
    .groupBy(parcels.id)
    .orderBy(parcels.id);
  const found: ParcelRow[][] = geometries.map(() => []);
  for (const { parcel, boxes } of rows) {
    for (const box of boxes) if (geometriesIntersect(parcel.geometry, geometries[box]!)) found[box]!.push(parcel);
  }
  return found;
}

/** Parcels of one GB/T 21010 first-level class, with their whole areas summed. */
export interface LandUseShareModel {
  landUse: string;
  landUseName: string;
  parcels: number;
  areaHa: number;
}

/** Parcels grouped by first-level land-use class, in code order; areas summed and rounded to 2 decimals. */
export function landUseShares(rows: readonly Pick<ParcelRow, 'landUse' | 'areaHa'>[]): LandUseShareModel[] {
  const byClass = new Map<string, { parcels: number; areaHa: number }>();
  for (const row of rows) {
    const level1 = row.landUse.slice(0, 2);
    const share = byClass.get(level1) ?? { parcels: 0, areaHa: 0 };
    share.parcels += 1;
    share.areaHa += row.areaHa;
    byClass.set(level1, share);
  }
  return [...byClass.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([landUse, share]) => ({
      landUse,
      landUseName: landUseName(landUse) ?? landUse,
      parcels: share.parcels,
      areaHa: Math.round(share.areaHa * 100) / 100,
    }));
}

