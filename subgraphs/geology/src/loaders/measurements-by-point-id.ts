import type { Database } from '@soilgraph/db';
import { manyByKey } from '@soilgraph/server-kit';
import DataLoader from 'dataloader';
import { type MeasurementRow, measurementsByPointIds } from '../data/measurements.ts';

/** Each point's measurements in analyte enum order, one query per request tick; none loads []. */
export function createMeasurementsByPointIdLoader(db: Database) {
  return new DataLoader<string, MeasurementRow[]>(async (ids) => {
    const rows = await measurementsByPointIds(db, ids);
    return manyByKey(ids, rows, (m) => m.pointId);
  });
}
