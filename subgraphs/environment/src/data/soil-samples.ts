import { afterKey, type Database } from '@soilgraph/db';
import { measurements, soilSamples, type SoilSampleRow } from '@soilgraph/db/environment';
import type { Analyte } from '@soilgraph/domain';
import { type Connection, type Page, toConnection } from '@soilgraph/server-kit';
import { and, count, desc, eq, gte, inArray, lte, type SQL } from 'drizzle-orm';
import { z } from 'zod';

export type { SoilSampleRow };
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

export async function findSoilSamples(db: Database, q: SoilSampleQuery, page: Page<SoilSampleCursor>): Promise<SoilSampleConnectionModel> {
  const rows = await db
    .select()
    .from(soilSamples)
    .where(and(conditions(db, q), page.after && afterKey([soilSamples.sampledOn, soilSamples.id], page.after, 'desc')))
    .orderBy(desc(soilSamples.sampledOn), desc(soilSamples.id))
    .limit(page.limit + 1);
  return toConnection(rows, page, (s) => [s.sampledOn, s.id] as SoilSampleCursor, () => countSoilSamples(db, q));
}

export async function countSoilSamples(db: Database, q: SoilSampleQuery): Promise<number> {
  const [row] = await db.select({ n: count() }).from(soilSamples).where(conditions(db, q));
  return row?.n ?? 0;
}
