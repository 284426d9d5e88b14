import type { Database } from '@soilgraph/db';
import { oneByKey } from '@soilgraph/server-kit';
import DataLoader from 'dataloader';
import { type ContaminatedSiteRow, contaminatedSitesByParcelIds } from '../data/sites.ts';

/** The registry site on each parcel, one query per request tick; a parcel with none loads null. */
export function createContaminatedSiteByParcelIdLoader(db: Database) {
  return new DataLoader<string, ContaminatedSiteRow | null>(async (parcelIds) => {
    const rows = await contaminatedSitesByParcelIds(db, parcelIds);
    return oneByKey(parcelIds, rows, (r) => r.parcelId);
  });
}
