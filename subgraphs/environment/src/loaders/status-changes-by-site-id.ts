import type { Database } from '@soilgraph/db';
import { manyByKey } from '@soilgraph/server-kit';
import DataLoader from 'dataloader';
import { type SiteStatusChangeRow, statusChangesBySiteIds } from '../data/sites.ts';

/** Each site's status history, oldest first, one query per request tick; a site without any loads []. */
export function createStatusChangesBySiteIdLoader(db: Database) {
  return new DataLoader<string, SiteStatusChangeRow[]>(async (siteIds) => {
    const rows = await statusChangesBySiteIds(db, siteIds);
    return manyByKey(siteIds, rows, (c) => c.siteId);
  });
}
