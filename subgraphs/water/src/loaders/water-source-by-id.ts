import type { Database } from '@soilgraph/db';
import { oneByKey } from '@soilgraph/server-kit';
import DataLoader from 'dataloader';
import { type WaterSourceRow, waterSourcesByIds } from '../data/water-sources.ts';

/** Water-source rows by id, one query per request tick; a missing id loads null. */
export function createWaterSourceByIdLoader(db: Database) {
  return new DataLoader<string, WaterSourceRow | null>(async (ids) => {
    const rows = await waterSourcesByIds(db, ids);
    return oneByKey(ids, rows, (r) => r.id);
  });
}
