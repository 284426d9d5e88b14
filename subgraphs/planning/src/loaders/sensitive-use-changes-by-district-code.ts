import type { Database } from '@soilgraph/db';
import { manyByKey } from '@soilgraph/server-kit';
import DataLoader from 'dataloader';
import { type LandUseChangeRow, sensitiveUseChanges } from '../data/land-use-changes.ts';

/**
 * Each district's changes to a sensitive use that were not rejected, most recently proposed
 * first (then id descending), one query per request tick; a district without any loads [].
 */
export function createSensitiveUseChangesByDistrictCodeLoader(db: Database) {
  return new DataLoader<string, LandUseChangeRow[]>(async (codes) => {
    const rows = await sensitiveUseChanges(db, codes);
    return manyByKey(codes, rows, (r) => r.districtCode);
  });
}
