import type { Database } from '@soilgraph/db';
import { manyByKey } from '@soilgraph/server-kit';
import DataLoader from 'dataloader';
import { type LandUseChangeRow, landUseChangesByParcelIds } from '../data/land-use-changes.ts';

/** Each parcel's land-use changes, oldest first, one query per request tick; a parcel without changes loads []. */
export function createLandUseChangesByParcelIdLoader(db: Database) {
  return new DataLoader<string, LandUseChangeRow[]>(async (ids) => {
    const rows = await landUseChangesByParcelIds(db, ids);
    return manyByKey(ids, rows, (r) => r.parcelId);
  });
}
