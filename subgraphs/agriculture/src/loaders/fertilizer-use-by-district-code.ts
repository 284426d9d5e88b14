import type { Database } from '@soilgraph/db';
import { manyByKey } from '@soilgraph/server-kit';
import DataLoader from 'dataloader';
import { fertilizerUseByDistrictCodes, type FertilizerUseRow } from '../data/fertilizer-use.ts';

/** Every year's fertiliser use of each district (years x crops), one query per request tick; none loads []. */
export function createFertilizerUseByDistrictCodeLoader(db: Database) {
  return new DataLoader<string, FertilizerUseRow[]>(async (codes) => manyByKey(codes, await fertilizerUseByDistrictCodes(db, codes), (r) => r.districtCode));
}
