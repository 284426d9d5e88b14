import type { Database } from '@soilgraph/db';
import { manyByKey } from '@soilgraph/server-kit';
import DataLoader from 'dataloader';
import { type AgriculturalCoverageRow, coverageByDistrictCodes } from '../data/coverage.ts';

/** Every year's coverage of each district, newest first, one query per request tick; none loads []. */
export function createCoverageByDistrictCodeLoader(db: Database) {
  return new DataLoader<string, AgriculturalCoverageRow[]>(async (codes) =>
    manyByKey(codes, await coverageByDistrictCodes(db, codes), (r) => r.districtCode),
  );
}
