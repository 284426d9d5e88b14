import type { Database } from '@soilgraph/db';
import { manyByKey } from '@soilgraph/server-kit';
import DataLoader from 'dataloader';
import { pesticideUseByDistrictCodes, type PesticideUseRow } from '../data/pesticide-use.ts';

/** Every year's pesticide use of each district (years x crops), one query per request tick; none loads []. */
export function createPesticideUseByDistrictCodeLoader(db: Database) {
  return new DataLoader<string, PesticideUseRow[]>(async (codes) => manyByKey(codes, await pesticideUseByDistrictCodes(db, codes), (r) => r.districtCode));
}
