import type { Database } from '@soilgraph/db';
import { manyByKey } from '@soilgraph/server-kit';
import DataLoader from 'dataloader';
import { type WaterSourceRow, waterSourcesByDistrictCodes } from '../data/water-sources.ts';

/** Every water source of each district, ordered by id, one query per request tick; a district without sources loads []. */
export function createWaterSourcesByDistrictCodeLoader(db: Database) {
  return new DataLoader<string, WaterSourceRow[]>(async (codes) => {
    const rows = await waterSourcesByDistrictCodes(db, codes);
    return manyByKey(codes, rows, (s) => s.districtCode);
  });
}
