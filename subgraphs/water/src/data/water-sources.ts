import { afterKey, countPerParent, type Database, firstRowsPerParent } from '@soilgraph/db';
import { type WaterSourceKind, type WaterSourceRow, waterSources } from '@soilgraph/db/water';
import type { BBoxColumns } from '@soilgraph/geo';
import { type Connection, type NestedListSource, type Page, toConnection } from '@soilgraph/server-kit';
import { and, asc, count, eq, gte, inArray, lte, type SQL } from 'drizzle-orm';
import { z } from 'zod';

export type { WaterSourceRow };
export type WaterSourceConnectionModel = Connection<WaterSourceRow>;

/** Water sources sort by id; a cursor is the last id seen. */
export const waterSourceCursor = z.tuple([z.string()]);
export type WaterSourceCursor = z.infer<typeof waterSourceCursor>;

/** A validated water-source filter: every field narrows the result (AND). */
export interface WaterSourceQuery {
  districtCode?: string;
  kind?: WaterSourceKind;
  /** Sources whose location lies in the box; a point test, exact in SQL. */
  bbox?: BBoxColumns;
}

function conditions(q: WaterSourceQuery): SQL | undefined {
  const parts: SQL[] = [];
  if (q.districtCode !== undefined) parts.push(eq(waterSources.districtCode, q.districtCode));
  if (q.kind !== undefined) parts.push(eq(waterSources.kind, q.kind));
  if (q.bbox !== undefined) {
    parts.push(
      gte(waterSources.lon, q.bbox.minLon),
      lte(waterSources.lon, q.bbox.maxLon),
      gte(waterSources.lat, q.bbox.minLat),
      lte(waterSources.lat, q.bbox.maxLat),
    );
  }
  return and(...parts);
}

export async function waterSourcesByIds(db: Database, ids: readonly string[]): Promise<WaterSourceRow[]> {
  return db.select().from(waterSources).where(inArray(waterSources.id, [...ids]));
}

export async function findWaterSources(db: Database, q: WaterSourceQuery, page: Page<WaterSourceCursor>): Promise<WaterSourceConnectionModel> {
  const rows = await db
    .select()
    .from(waterSources)
    .where(and(conditions(q), page.after && afterKey([waterSources.id], page.after)))
    .orderBy(waterSources.id)
    .limit(page.limit + 1);
  return toConnection(rows, page, (s) => [s.id] as WaterSourceCursor, () => countWaterSources(db, q));
}

export async function countWaterSources(db: Database, q: WaterSourceQuery): Promise<number> {
  const [row] = await db.select({ n: count() }).from(waterSources).where(conditions(q));
  return row?.n ?? 0;
}

/** Each district's water sources as a nested list (District.waterSources). */
export function waterSourcesByDistrict(db: Database): NestedListSource<WaterSourceQuery, WaterSourceCursor, WaterSourceRow> {
  const t = waterSources;
  return {
    pages: (codes, q, page) => firstRowsPerParent(db, t, t.districtCode, codes, and(conditions(q), page.after && afterKey([t.id], page.after)), [asc(t.id)], page.limit + 1),
    counts: (codes, q) => countPerParent(db, t, t.districtCode, codes, conditions(q)),
    parentOf: (s) => s.districtCode,
    keyOf: (s) => [s.id],
  };
}

/** Every water source of the given districts, ordered by id. */
export async function waterSourcesByDistrictCodes(db: Database, codes: readonly string[]): Promise<WaterSourceRow[]> {
  return db.select().from(waterSources).where(inArray(waterSources.districtCode, [...codes])).orderBy(waterSources.id);
}
