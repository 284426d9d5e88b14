import type { Database } from '@soilgraph/db';
import { oneByKey } from '@soilgraph/server-kit';
import DataLoader from 'dataloader';
import { type LandUseChangeRow, landUseChangesByIds } from '../data/land-use-changes.ts';

/** Land-use change rows by id, one query per request tick; a missing id loads null. */
export function createLandUseChangeByIdLoader(db: Database) {
  return new DataLoader<string, LandUseChangeRow | null>(async (ids) => {
    const rows = await landUseChangesByIds(db, ids);
    return oneByKey(ids, rows, (r) => r.id);
  });
}
