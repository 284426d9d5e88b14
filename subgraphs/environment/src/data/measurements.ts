import type { Database } from '@soilgraph/db';
import { type MeasurementRow, measurements } from '@soilgraph/db/environment';
import { ANALYTES } from '@soilgraph/domain';
import { inArray } from 'drizzle-orm';

export type { MeasurementRow };

const ANALYTE_ORDER = new Map<string, number>(ANALYTES.map((a, i) => [a, i]));

/** The order a sample's measurements are listed in: the Analyte enum's. */
export function byAnalyte(a: MeasurementRow, b: MeasurementRow): number {
  return (ANALYTE_ORDER.get(a.analyte) ?? ANALYTES.length) - (ANALYTE_ORDER.get(b.analyte) ?? ANALYTES.length);
}

export async function measurementsBySampleIds(db: Database, sampleIds: readonly string[]): Promise<MeasurementRow[]> {
  return db.select().from(measurements).where(inArray(measurements.sampleId, [...sampleIds]));
}
