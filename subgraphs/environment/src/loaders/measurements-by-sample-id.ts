import type { Database } from '@soilgraph/db';
import { manyByKey } from '@soilgraph/server-kit';
import DataLoader from 'dataloader';
import { byAnalyte, type MeasurementRow, measurementsBySampleIds } from '../data/measurements.ts';

/** Each sample's measurements in analyte order, one query per request tick; a sample without any loads []. */
export function createMeasurementsBySampleIdLoader(db: Database) {
  return new DataLoader<string, MeasurementRow[]>(async (ids) => {
    const rows = await measurementsBySampleIds(db, ids);
    return manyByKey(ids, rows, (m) => m.sampleId).map((list) => list.sort(byAnalyte));
  });
}
