import type { Database } from '@soilgraph/db';
import { oneByKey } from '@soilgraph/server-kit';
import DataLoader from 'dataloader';
import { type SoilSampleRow, soilSamplesByIds } from '../data/soil-samples.ts';

/** Soil-sample rows by id, one query per request tick; a missing id loads null. */
export function createSoilSampleByIdLoader(db: Database) {
  return new DataLoader<string, SoilSampleRow | null>(async (ids) => {
    const rows = await soilSamplesByIds(db, ids);
    return oneByKey(ids, rows, (r) => r.id);
  });
}
