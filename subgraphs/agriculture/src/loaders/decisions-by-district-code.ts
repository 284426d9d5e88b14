import type { Database } from '@soilgraph/db';
import { manyByKey } from '@soilgraph/server-kit';
import DataLoader from 'dataloader';
import { decisionsByDistrictCodes, type FarmlandClassDecisionRow } from '../data/farmland-class-decisions.ts';

/** Every decision on each district's parcels, by parcel id, each parcel's oldest first, one query per request tick; none loads []. */
export function createDecisionsByDistrictCodeLoader(db: Database) {
  return new DataLoader<string, FarmlandClassDecisionRow[]>(async (codes) => manyByKey(codes, await decisionsByDistrictCodes(db, codes), (r) => r.districtCode));
}
