import { afterKey, anyOf, boxesRelation, countPerParent, type Database, firstRowsPerParent, pointInBox } from '@soilgraph/db';
import { measurements, pointLat, pointLon, soilSamples, type SoilSampleRow } from '@soilgraph/db/environment';
import type { Analyte } from '@soilgraph/domain';
import { type BBoxColumns, boxesHolding } from '@soilgraph/geo';
import { type Connection, type NestedListSource, type Page, toConnection } from '@soilgraph/server-kit';
import { and, asc, count, desc, eq, gte, inArray, lte, or, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { MeasurementRow } from './measurements.ts';
import type { DistrictRef, ParcelRef } from './references.ts';
import { z } from 'zod';

export type { SoilSampleRow };

/**
 * A sample as resolvers see it: the row and, when the gateway resolves its assessment, the
 * parcel (planning's land use) and district (geology's background) it sent through @requires.
 */
export type SoilSampleModel = SoilSampleRow & { parcel?: ParcelRef | null; district?: DistrictRef };
export type SoilSampleConnectionModel = Connection<SoilSampleRow>;

/**
 * How a sample list is walked: newest sampling date first, then id (both descending), the
 * default; or oldest change first, updatedAt then id (both ascending), for incremental sync.
 */
export const SOIL_SAMPLE_ORDERS = ['SAMPLED_ON_DESC', 'UPDATED_AT_ASC'] as const;
export type SoilSampleOrder = (typeof SOIL_SAMPLE_ORDERS)[number];

/**
 * A cursor is the last row's sort key led by the order it belongs to, so that a cursor of one
 * order is refused by a list walked in the other instead of being read as a key of the wrong columns.
 */
export const soilSampleCursor = z.union([
  z.tuple([z.literal('SAMPLED_ON_DESC'), z.iso.date(), z.string()]),
  z.tuple([z.literal('UPDATED_AT_ASC'), z.iso.datetime(), z.string()]),
]);
export type SoilSampleCursor = z.infer<typeof soilSampleCursor>;

/** A validated soil-sample filter: every field narrows the result (AND). */
export interface SoilSampleQuery {
  districtCode?: string;
  parcelId?: string;
  pointId?: string;
  /** Sampling dates, both ends included. */
  sampledFrom?: string;
  sampledTo?: string;
  /** Samples with a measurement of this analyte, detected or not. */
  analyte?: Analyte;
  /** Samples written at or after this instant (ISO 8601, UTC). */
  updatedSince?: string;
}

/** A sample list's request: the filter, and the order the list is walked in (which narrows nothing). */
export interface SoilSampleListQuery extends SoilSampleQuery {
  order: SoilSampleOrder;
}

function conditions(db: Database, q: SoilSampleQuery): SQL | undefined {
  const parts: SQL[] = [];
  if (q.districtCode !== undefined) parts.push(eq(soilSamples.districtCode, q.districtCode));
  if (q.parcelId !== undefined) parts.push(eq(soilSamples.parcelId, q.parcelId));
  if (q.pointId !== undefined) parts.push(eq(soilSamples.pointId, q.pointId));
  if (q.sampledFrom !== undefined) parts.push(gte(soilSamples.sampledOn, q.sampledFrom));
  if (q.sampledTo !== undefined) parts.push(lte(soilSamples.sampledOn, q.sampledTo));
  if (q.updatedSince !== undefined) parts.push(gte(soilSamples.updatedAt, new Date(q.updatedSince)));
  if (q.analyte !== undefined) {
    const measured = db.select({ sampleId: measurements.sampleId }).from(measurements).where(eq(measurements.analyte, q.analyte));
    parts.push(inArray(soilSamples.id, measured));
  }
  return and(...parts);
}

export async function soilSamplesByIds(db: Database, ids: readonly string[]): Promise<SoilSampleRow[]> {
  return db.select().from(soilSamples).where(inArray(soilSamples.id, [...ids]));
}

/** Each order's sort columns, their direction, and a row's cursor in it. */
const ORDERS = {
  SAMPLED_ON_DESC: {
    columns: [soilSamples.sampledOn, soilSamples.id],
    direction: 'desc',
    orderBy: [desc(soilSamples.sampledOn), desc(soilSamples.id)],
    keyOf: (s: SoilSampleRow): SoilSampleCursor => ['SAMPLED_ON_DESC', s.sampledOn, s.id],
  },
  UPDATED_AT_ASC: {
    columns: [soilSamples.updatedAt, soilSamples.id],
    direction: 'asc',
    orderBy: [asc(soilSamples.updatedAt), asc(soilSamples.id)],
    // The column holds milliseconds (db's soil-samples.ts), so the ISO instant is the exact key.
    keyOf: (s: SoilSampleRow): SoilSampleCursor => ['UPDATED_AT_ASC', s.updatedAt.toISOString(), s.id],
  },
} as const;

/** A page's condition: the filter, and after the cursor when there is one (parsing checked that it is of this order). */
function pageConditions(db: Database, q: SoilSampleListQuery, page: Page<SoilSampleCursor>): SQL | undefined {
  const { columns, direction } = ORDERS[q.order];
  return and(conditions(db, q), page.after && afterKey(columns, page.after.slice(1), direction));
}

export async function findSoilSamples(db: Database, q: SoilSampleListQuery, page: Page<SoilSampleCursor>): Promise<SoilSampleConnectionModel> {
  const { orderBy, keyOf } = ORDERS[q.order];
  const rows = await db
    .select()
    .from(soilSamples)
    .where(pageConditions(db, q, page))
    .orderBy(...orderBy)
    .limit(page.limit + 1);
  return toConnection(rows, page, keyOf, () => countSoilSamples(db, q));
}

export async function countSoilSamples(db: Database, q: SoilSampleQuery): Promise<number> {
  const [row] = await db.select({ n: count() }).from(soilSamples).where(conditions(db, q));
  return row?.n ?? 0;
}

/** What a sample list can be nested under: a parcel, a district, a monitoring point. */
export type SoilSampleParent = 'parcelId' | 'districtCode' | 'pointId';

/**
 * The samples under each of many parents of one kind, as nested lists (Parcel.soilSamples,
 * District.soilSamples, MonitoringPoint.samples), walked in one order: a row's cursor depends on it.
 */
export function soilSamplesUnder(db: Database, parent: SoilSampleParent, order: SoilSampleOrder): NestedListSource<SoilSampleListQuery, SoilSampleCursor, SoilSampleRow> {
  const column = soilSamples[parent];
  const { orderBy, keyOf } = ORDERS[order];
  return {
    pages: (parents, q, page) => firstRowsPerParent(db, soilSamples, column, parents, pageConditions(db, q, page), orderBy, page.limit + 1),
    counts: (parents, q) => countPerParent(db, soilSamples, column, parents, conditions(db, q)),
    parentOf: (s) => s[parent] ?? '',
    keyOf,
  };
}

/**
 * Which samples an assessment covers: those of the given districts or of the given parcels (either
 * that is given; both left out means every sample); with `latestSurveysOnly`, only samples on a
 * parcel taken in the latest year the parcel was sampled in their district.
 */
export interface SampleScope {
  districtCodes?: readonly string[];
  parcelIds?: readonly string[];
  latestSurveysOnly?: boolean;
}

/**
 * The sample is on a parcel and taken in the latest year that parcel was sampled in the sample's
 * district (the newest date from the parcel's index, soil_samples_parcel_sampled_idx). Area figures
 * assess each parcel's latest survey only: this leaves out the earlier years' samples and their
 * measurements before they are read (a third of them in the demo data). Where a parcel's samples
 * name several districts, each district's latest year is kept, which still holds the parcel's latest.
 */
const latestSurveyOfParcel = sql`${soilSamples.parcelId} is not null and extract(year from ${soilSamples.sampledOn}) = (
  select extract(year from max(latest.sampled_on)) from ${soilSamples} as latest
   where latest.parcel_id = ${soilSamples.parcelId} and latest.district_code = ${soilSamples.districtCode})`;

function scopeCondition(scope: SampleScope): SQL | undefined {
  const parts: SQL[] = [];
  if (scope.districtCodes !== undefined) parts.push(anyOf(soilSamples.districtCode, scope.districtCodes));
  if (scope.parcelIds !== undefined) parts.push(anyOf(soilSamples.parcelId, scope.parcelIds));
  const within = parts.length === 0 ? undefined : or(...parts);
  return scope.latestSurveysOnly ? and(within, latestSurveyOfParcel) : within;
}

/** What the assessment reads of a measurement. */
export type AssessedMeasurementRow = Pick<MeasurementRow, 'analyte' | 'valueMgPerKg' | 'belowDetectionLimit' | 'detectionLimitMgPerKg' | 'qualityFlag'>;

/** A sample with every measurement it holds (any quality flag), in no particular order. */
export interface SampleWithMeasurements {
  sample: SoilSampleRow;
  measurements: AssessedMeasurementRow[];
}

/** The samples of a scope with the measurement columns the assessment reads: two queries, however many samples. */
export async function samplesWithMeasurements(db: Database, scope: SampleScope): Promise<SampleWithMeasurements[]> {
  return withMeasurements(db, await db.select().from(soilSamples).where(scopeCondition(scope)));
}

/**
 * The samples lying in any of the boxes (edges included), each once with the boxes it lies in
 * (indexes into `boxes`), with their measurements: two queries, however many boxes (db's boxes.ts).
 * Boxes overlap (a source's nested zones, neighbouring sources: at city scale a sample lies in a
 * dozen), so Postgres finds the ids box by box and drops the repeats before any row is read; which
 * boxes hold each sample is then worked out here, not sent back once per box.
 */
export async function samplesInBoxes(db: Database, boxes: readonly BBoxColumns[]): Promise<{ item: SampleWithMeasurements; boxes: number[] }[]> {
  if (boxes.length === 0) return [];
  const inBox = alias(soilSamples, 'in_box');
  const ids = db
    .selectDistinct({ id: inBox.id })
    .from(boxesRelation(boxes))
    .innerJoin(inBox, pointInBox(pointLon(inBox.location), pointLat(inBox.location)));
  const rows = await db.select().from(soilSamples).where(sql`${soilSamples.id} = any(array(${ids}))`);
  const holding = boxesHolding(boxes);
  const items = await withMeasurements(db, rows);
  return items.map((item) => {
    const [lon, lat] = item.sample.location.coordinates as [number, number];
    return { item, boxes: holding(lon, lat) };
  });
}

/** A measurement as the grouped query sends it: the AssessedMeasurementRow columns in this order. */
type MeasurementTuple = [AssessedMeasurementRow['analyte'], number | null, boolean, number | null, AssessedMeasurementRow['qualityFlag']];

/**
 * The samples with their measurements, in the samples' order: one query (by the ids, never by the
 * scope again, which can plan badly). Postgres groups each sample's measurements into one JSON
 * array, so an area of a hundred thousand samples is read as that many rows, not a million.
 */
async function withMeasurements(db: Database, rows: SoilSampleRow[]): Promise<SampleWithMeasurements[]> {
  if (rows.length === 0) return [];
  const grouped = await db
    .select({
      sampleId: measurements.sampleId,
      measurements: sql<MeasurementTuple[]>`json_agg(json_build_array(${measurements.analyte}, ${measurements.valueMgPerKg}, ${measurements.belowDetectionLimit}, ${measurements.detectionLimitMgPerKg}, ${measurements.qualityFlag}))`,
    })
    .from(measurements)
    .where(anyOf(measurements.sampleId, rows.map((r) => r.id)))
    .groupBy(measurements.sampleId);
  const bySample = new Map<string, AssessedMeasurementRow[]>();
  for (const group of grouped) {
    bySample.set(
      group.sampleId,
      group.measurements.map(([analyte, valueMgPerKg, belowDetectionLimit, detectionLimitMgPerKg, qualityFlag]) => ({ analyte, valueMgPerKg, belowDetectionLimit, detectionLimitMgPerKg, qualityFlag })),
    );
  }
  return rows.map((sample) => ({ sample, measurements: bySample.get(sample.id) ?? [] }));
}
