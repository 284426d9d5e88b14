import { afterKey, boxesRelation, countPerParent, type Database, firstRowsPerParent, matchedBoxes, pointInBox } from '@soilgraph/db';
import { type ParentMaterial, type SoilType, SOIL_TYPE_CODES, type SurveyPointRow, surveyPoints } from '@soilgraph/db/geology';
import type { BBoxColumns } from '@soilgraph/geo';
import { type Connection, type NestedListSource, type Page, toConnection } from '@soilgraph/server-kit';
import { and, asc, count, eq, gte, inArray, isNotNull, lte, type SQL } from 'drizzle-orm';
import { z } from 'zod';

export type { SurveyPointRow };
export type SurveyPointConnectionModel = Connection<SurveyPointRow>;

/** Survey points sort by id; a cursor is the last id seen. */
export const surveyPointCursor = z.tuple([z.string()]);
export type SurveyPointCursor = z.infer<typeof surveyPointCursor>;

/** A validated survey-point filter: every field narrows the result (AND). */
export interface SurveyPointQuery {
  districtCode?: string;
  soilType?: SoilType;
  parentMaterial?: ParentMaterial;
  /** Points that lie in the box; a point test, exact in SQL. */
  bbox?: BBoxColumns;
  sampledOn?: { from: string | undefined; to: string | undefined };
}

function inBox(box: BBoxColumns): SQL {
  return and(
    gte(surveyPoints.lon, box.minLon),
    lte(surveyPoints.lon, box.maxLon),
    gte(surveyPoints.lat, box.minLat),
    lte(surveyPoints.lat, box.maxLat),
  )!;
}

function conditions(q: SurveyPointQuery): SQL | undefined {
  const parts: SQL[] = [];
  if (q.districtCode !== undefined) parts.push(eq(surveyPoints.districtCode, q.districtCode));
  if (q.soilType !== undefined) parts.push(eq(surveyPoints.soilType, q.soilType));
  if (q.parentMaterial !== undefined) parts.push(eq(surveyPoints.parentMaterial, q.parentMaterial));
  if (q.bbox !== undefined) parts.push(inBox(q.bbox));
  if (q.sampledOn !== undefined) {
    parts.push(isNotNull(surveyPoints.sampledOn));
    if (q.sampledOn.from !== undefined) parts.push(gte(surveyPoints.sampledOn, q.sampledOn.from));
    if (q.sampledOn.to !== undefined) parts.push(lte(surveyPoints.sampledOn, q.sampledOn.to));
  }
  return and(...parts);
}

export async function surveyPointsByIds(db: Database, ids: readonly string[]): Promise<SurveyPointRow[]> {
  return db.select().from(surveyPoints).where(inArray(surveyPoints.id, [...ids]));
}

/** For each box, the points lying in it (edges included), ordered by id: one statement however many boxes (db's boxes.ts). */
export async function surveyPointsInBoxes(db: Database, boxes: readonly BBoxColumns[]): Promise<SurveyPointRow[][]> {
  const found: SurveyPointRow[][] = boxes.map(() => []);
  if (boxes.length === 0) return found;
  const rows = await db
    .select({ point: surveyPoints, boxes: matchedBoxes })
    .from(boxesRelation(boxes))
    .innerJoin(surveyPoints, pointInBox(surveyPoints.lon, surveyPoints.lat))
    .groupBy(surveyPoints.id)
    .orderBy(surveyPoints.id);
  for (const { point, boxes: inBoxes } of rows) for (const box of inBoxes) found[box]!.push(point);
  return found;
}

export async function findSurveyPoints(db: Database, q: SurveyPointQuery, page: Page<SurveyPointCursor>): Promise<SurveyPointConnectionModel> {
  const rows = await db
    .select()
    .from(surveyPoints)
    .where(and(conditions(q), page.after && afterKey([surveyPoints.id], page.after)))
    .orderBy(surveyPoints.id)
    .limit(page.limit + 1);
  return toConnection(rows, page, (p) => [p.id] as SurveyPointCursor, () => countSurveyPoints(db, q));
}

export async function countSurveyPoints(db: Database, q: SurveyPointQuery): Promise<number> {
  const [row] = await db.select({ n: count() }).from(surveyPoints).where(conditions(q));
  return row?.n ?? 0;
}

/** Each district's survey points as a nested list (District.surveyPoints). */
export function surveyPointsByDistrict(db: Database): NestedListSource<SurveyPointQuery, SurveyPointCursor, SurveyPointRow> {
  const t = surveyPoints;
  return {
    pages: (codes, q, page) => firstRowsPerParent(db, t, t.districtCode, codes, and(conditions(q), page.after && afterKey([t.id], page.after)), [asc(t.id)], page.limit + 1),
    counts: (codes, q) => countPerParent(db, t, t.districtCode, codes, conditions(q)),
    parentOf: (p) => p.districtCode,
    keyOf: (p) => [p.id],
  };
}

/**
 * The soil type found at most points of each district (ties go to the first in enum order);
 * districts without points are absent from the map.
 */
export async function dominantSoilTypes(db: Database, districtCodes: readonly string[]): Promise<Map<string, SoilType>> {
  const rows = await db
    .select({ districtCode: surveyPoints.districtCode, soilType: surveyPoints.soilType, n: count() })
    .from(surveyPoints)
    .where(inArray(surveyPoints.districtCode, [...districtCodes]))
    .groupBy(surveyPoints.districtCode, surveyPoints.soilType);
  const rank = (t: SoilType) => SOIL_TYPE_CODES.indexOf(t);
  const best = new Map<string, { soilType: SoilType; n: number }>();
  for (const row of rows) {
    const current = best.get(row.districtCode);
    if (!current || row.n > current.n || (row.n === current.n && rank(row.soilType) < rank(current.soilType))) {
      best.set(row.districtCode, { soilType: row.soilType, n: row.n });
    }
  }
  return new Map([...best].map(([code, b]) => [code, b.soilType]));
}
