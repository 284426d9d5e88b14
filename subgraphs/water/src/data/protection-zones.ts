import { afterKey, bboxOverlapsBox, boxesRelation, collectExact, type Database, matchedBoxes } from '@soilgraph/db';
import { protectionZones, type ProtectionZoneRow, ZONE_LEVELS, type ZoneLevel, type ZonePart } from '@soilgraph/db/water';
import { type BBoxColumns, bboxOf, bboxPolygon, type Geometry, geometriesIntersect } from '@soilgraph/geo';
import { type Connection, type Page, toConnection } from '@soilgraph/server-kit';
import { and, count, eq, gte, inArray, lte, type SQL } from 'drizzle-orm';
import { z } from 'zod';

export type { ProtectionZoneRow };
export type ProtectionZoneConnectionModel = Connection<ProtectionZoneRow>;

/** Protection zones sort by id; a cursor is the last id seen. */
export const protectionZoneCursor = z.tuple([z.string()]);
export type ProtectionZoneCursor = z.infer<typeof protectionZoneCursor>;

/** A validated protection-zone filter: every field narrows the result (AND). */
export interface ProtectionZoneQuery {
  level?: ZoneLevel;
  part?: ZonePart;
  waterSourceId?: string;
  bbox?: BBoxColumns;
}

/** Zones whose bounding box overlaps the box: the indexed pre-selection of a spatial test. */
function bboxOverlaps(b: BBoxColumns): SQL {
  return and(
    lte(protectionZones.minLon, b.maxLon),
    gte(protectionZones.maxLon, b.minLon),
    lte(protectionZones.minLat, b.maxLat),
    gte(protectionZones.maxLat, b.minLat),
  )!;
}

function conditions(q: ProtectionZoneQuery): SQL | undefined {
  const parts: SQL[] = [];
  if (q.level !== undefined) parts.push(eq(protectionZones.level, q.level));
  if (q.part !== undefined) parts.push(eq(protectionZones.part, q.part));
  if (q.waterSourceId !== undefined) parts.push(eq(protectionZones.waterSourceId, q.waterSourceId));
  if (q.bbox !== undefined) parts.push(bboxOverlaps(q.bbox));
  return and(...parts);
}

/** The exact spatial test run on candidates the indexed bbox columns selected. */
function exactTest(q: ProtectionZoneQuery): (row: Pick<ProtectionZoneRow, 'geometry'>) => boolean {
  if (q.bbox === undefined) return () => true;
  const box = bboxPolygon(q.bbox);
  return (row) => geometriesIntersect(row.geometry, box);
}

/** Innermost level first, then id: the order zones of a source or of a parcel are listed in. */
export function byLevelThenId(a: ProtectionZoneRow, b: ProtectionZoneRow): number {
  return ZONE_LEVELS.indexOf(a.level) - ZONE_LEVELS.indexOf(b.level) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

export async function protectionZonesByIds(db: Database, ids: readonly string[]): Promise<ProtectionZoneRow[]> {
  return db.select().from(protectionZones).where(inArray(protectionZones.id, [...ids]));
}

export async function protectionZonesByWaterSourceIds(db: Database, ids: readonly string[]): Promise<ProtectionZoneRow[]> {
  return db.select().from(protectionZones).where(inArray(protectionZones.waterSourceId, [...ids]));
}

export async function findProtectionZones(
  db: Database,
  q: ProtectionZoneQuery,
  page: Page<ProtectionZoneCursor>,
): Promise<ProtectionZoneConnectionModel> {
  const where = conditions(q);
  const fetchBatch = (after: ProtectionZoneCursor | undefined, size: number) =>
    db
      .select()
      .from(protectionZones)
      .where(and(where, after && afterKey([protectionZones.id], after)))
      .orderBy(protectionZones.id)
      .limit(size);
  const keyOf = (z: ProtectionZoneRow): ProtectionZoneCursor => [z.id];
  const rows = await collectExact(fetchBatch, keyOf, exactTest(q), page.limit + 1, page.after);
  return toConnection(rows, page, keyOf, () => countProtectionZones(db, q));
}

export async function countProtectionZones(db: Database, q: ProtectionZoneQuery): Promise<number> {
  if (q.bbox === undefined) {
    const [row] = await db.select({ n: count() }).from(protectionZones).where(conditions(q));
    return row?.n ?? 0;
  }
  const candidates = await db.select({ geometry: protectionZones.geometry }).from(protectionZones).where(conditions(q));
  return candidates.filter(exactTest(q)).length;
}

/**
 * For each geometry, the zones whose polygon intersects it, by level then id. One statement
 * selects, for every geometry at once, the zones whose bbox overlaps its bbox (db's boxes.ts); the
 * exact test runs in code.
 */
export async function protectionZonesIntersecting(db: Database, geometries: readonly Geometry[]): Promise<ProtectionZoneRow[][]> {
  if (geometries.length === 0) return [];
  const rows = await db
    .select({ zone: protectionZones, boxes: matchedBoxes })
    .from(boxesRelation(geometries.map((g) => bboxOf(g))))
    .innerJoin(protectionZones, bboxOverlapsBox(protectionZones))
    .groupBy(protectionZones.id);
  const found: ProtectionZoneRow[][] = geometries.map(() => []);
  for (const { zone, boxes } of rows) {
    for (const box of boxes) if (geometriesIntersect(zone.geometry, geometries[box]!)) found[box]!.push(zone);
  }
  return found.map((zones) => zones.sort(byLevelThenId));
}
