import type { Database } from '@soilgraph/db';
import { type SurveyMeasurementRow, surveyMeasurements } from '@soilgraph/db/geology';
import { ANALYTES } from '@soilgraph/domain';
import { inArray } from 'drizzle-orm';

export type MeasurementRow = SurveyMeasurementRow;

/** Measurements of the given points, in analyte enum order. */
export async function measurementsByPointIds(db: Database, pointIds: readonly string[]): Promise<MeasurementRow[]> {
  const rows = await db.select().from(surveyMeasurements).where(inArray(surveyMeasurements.pointId, [...pointIds]));
  rows.sort((a, b) => ANALYTES.indexOf(a.analyte) - ANALYTES.indexOf(b.analyte));
  return rows;
}
