import type { Database } from '@soilgraph/db';
import { oneByKey } from '@soilgraph/server-kit';
import DataLoader from 'dataloader';
import { type ContaminatedSiteRow, contaminatedSitesByIds } from '../data/sites.ts';

/** Registry sites by id, one query per request tick; a missing id loads null. */
export function createContaminatedSiteByIdLoader(db: Database) {
  return new DataLoader<string, ContaminatedSiteRow | null>(async (ids) => {
    const rows = await contaminatedSitesByIds(db, ids);
    return oneByKey(ids, rows, (r) => r.id);
  });
}
