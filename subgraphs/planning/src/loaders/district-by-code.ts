import type { Database } from '@soilgraph/db';
import { oneByKey } from '@soilgraph/server-kit';
import DataLoader from 'dataloader';
import { type DistrictRow, districtsByCodes } from '../data/districts.ts';

/** District rows by code, one query per request tick; a missing code loads null. */
export function createDistrictByCodeLoader(db: Database) {
  return new DataLoader<string, DistrictRow | null>(async (codes) => {
    const rows = await districtsByCodes(db, codes);
    return oneByKey(codes, rows, (r) => r.code);
  });
}
