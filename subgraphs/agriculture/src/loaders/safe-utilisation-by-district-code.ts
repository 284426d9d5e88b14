import type { Database } from '@soilgraph/db';
import { manyByKey } from '@soilgraph/server-kit';
import DataLoader from 'dataloader';
import { safeUtilisationByDistrictCodes, type SafeUtilisationRecordRow } from '../data/safe-utilisation.ts';

/** Every year's safe-utilisation records of each district, oldest year first, one query per request tick; none loads []. */
export function createSafeUtilisationByDistrictCodeLoader(db: Database) {
  return new DataLoader<string, SafeUtilisationRecordRow[]>(async (codes) => manyByKey(codes, await safeUtilisationByDistrictCodes(db, codes), (r) => r.districtCode));
}
