import { afterKey, anyOf, countPerParent, type Database, firstRowsPerParent, tableVersion } from '@soilgraph/db';
import { measurements, soilSamples, type SoilSampleRow } from '@soilgraph/db/environment';
import type { Analyte } from '@soilgraph/domain';
import type { BBoxColumns } from '@soilgraph/geo';
import { type Connection, type NestedListSource, type Page, toConnection } from '@soilgraph/server-kit';
import { and, count, desc, eq, gte, inArray, lte, or, type SQL, sql } from 'drizzle-orm';
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

/** Samples sort newest first by sampling date, then id (both descending); a cursor is the last pair seen. */
export const soilSampleCursor = z.tuple([z.string().regex(/^\d{4}-\d{2}-\d{2}$/), z.string()]);
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
}

function conditions(db: Database, q: SoilSampleQuery): SQL | undefined {
  const parts: SQL[] = [];
  if (q.districtCode !== undefined) parts.push(eq(soilSamples.districtCode, q.districtCode));
  if (q.parcelId !== undefined) parts.push(eq(soilSamples.parcelId, q.parcelId));
  if (q.pointId !== undefined) parts.push(eq(soilSamples.pointId, q.pointId));
  if (q.sampledFrom !== undefined) parts.push(gte(soilSamples.sampledOn, q.sampledFrom));
  if (q.sampledTo !== undefined) parts.push(lte(soilSamples.sampledOn, q.sampledTo));
  if (q.analyte !== undefined) {
    const measured = db.select({ sampleId: measurements.sampleId }).from(measurements).where(eq(measurements.analyte, q.analyte));
    parts.push(inArray(soilSamples.id, measured));
  }
  return and(...parts);
}

export async function soilSamplesByIds(db: Database, ids: readonly string[]): Promise<SoilSampleRow[]> {
  return db.select().from(soilSamples).where(inArray(soilSamples.id, [...ids]));
}

/** A page's condition: the filter, and after the cursor when there is one. */
function pageConditions(db: Database, q: SoilSampleQuery, page: Page<SoilSampleCursor>): SQL | undefined {
  return and(conditions(db, q), page.after && afterKey([soilSamples.sampledOn, soilSamples.id], page.after, 'desc'));
}

const newestFirst = [desc(soilSamples.sampledOn), desc(soilSamples.id)];
const keyOf = (s: SoilSampleRow): SoilSampleCursor => [s.sampledOn, s.id];

export async function findSoilSamples(db: Database, q: SoilSampleQuery, page: Page<SoilSampleCursor>): Promise<SoilSampleConnectionModel> {
  const rows = await db
    .select()
    .from(soilSamples)
    .where(pageConditions(db, q, page))
    .orderBy(...newestFirst)
    .limit(page.limit + 1);
  return toConnection(rows, page, keyOf, () => countSoilSamples(db, q));
}

export async function countSoilSamples(db: Database, q: SoilSampleQuery): Promise<number> {
  const [row] = await db.select({ n: count() }).from(soilSamples).where(conditions(db, q));
  return row?.n ?? 0;
}

/** What a sample list can be nested under: a parcel, a district, a monitoring point. */
export type SoilSampleParent = 'parcelId' | 'districtCode' | 'pointId';

/** The samples under each of many parents of one kind, as nested lists (Parcel.soilSamples, District.soilSamples, MonitoringPoint.samples). */
export function soilSamplesUnder(db: Database, parent: SoilSampleParent): NestedListSource<SoilSampleQuery, SoilSampleCursor, SoilSampleRow> {
  const column = soilSamples[parent];
  return {
    pages: (parents, q, page) => firstRowsPerParent(db, soilSamples, column, parents, pageConditions(db, q, page), newestFirst, page.limit + 1),
    counts: (parents, q) => countPerParent(db, soilSamples, column, parents, conditions(db, q)),
    parentOf: (s) => s[parent] ?? '',
    keyOf,
  };
}

/**
 * Which samples an assessment covers: those of the given districts, of the given parcels, or
 * lying in one of the given boxes (any that is given; all three left out means every sample).
 */
export interface SampleScope {
  districtCodes?: readonly string[];
  parcelIds?: readonly string[];
  bboxes?: readonly BBoxColumns[];
}

const lon = sql<number>`((${soilSamples.location} -> 'coordinates' ->> 0)::double precision)`;
const lat = sql<number>`((${soilSamples.location} -> 'coordinates' ->> 1)::double precision)`;

function scopeCondition(scope: SampleScope): SQL | undefined {
  const parts: SQL[] = [];
  if (scope.districtCodes !== undefined) parts.push(inArray(soilSamples.districtCode, [...scope.districtCodes, '']));
  if (scope.parcelIds !== undefined) parts.push(inArray(soilSamples.parcelId, [...scope.parcelIds, '']));
  for (const b of scope.bboxes ?? []) parts.push(sql`(${lon} between ${b.minLon} and ${b.maxLon} and ${lat} between ${b.minLat} and ${b.maxLat})`);
  if (scope.districtCodes === undefined && scope.parcelIds === undefined && scope.bboxes === undefined) return undefined;
  return parts.length === 0 ? sql`false` : or(...parts);
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
  const rows = await db.select().from(soilSamples).where(scopeCondition(scope));
  if (rows.length === 0) return [];
  // The ids found, not the scope again: a scope of many boxes under IN (…) can plan as a nested loop.
  const all = await db
    .select({
      sampleId: measurements.sampleId,
      analyte: measurements.analyte,
      valueMgPerKg: measurements.valueMgPerKg,
      belowDetectionLimit: measurements.belowDetectionLimit,
      detectionLimitMgPerKg: measurements.detectionLimitMgPerKg,
      qualityFlag: measurements.qualityFlag,
    })
    .from(measurements)
    .where(anyOf(measurements.sampleId, rows.map((r) => r.id)));
  const bySample = new Map<string, AssessedMeasurementRow[]>(rows.map((r) => [r.id, []]));
  for (const { sampleId, ...m } of all) bySample.get(sampleId)?.push(m);
  return rows.map((sample) => ({ sample, measurements: bySample.get(sample.id) ?? [] }));
}

/** The version of environment's samples (db's tableVersion): a re-submitted sample is updated with its measurements, so it covers both. */
export function samplesVersion(db: Database): Promise<string> {
  return tableVersion(db, soilSamples, soilSamples.id);
}
