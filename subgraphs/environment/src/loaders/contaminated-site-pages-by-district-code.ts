import type { Database } from '@soilgraph/db';
import { nestedConnections, nestedPageCacheKey, type NestedPageRequest } from '@soilgraph/server-kit';
import DataLoader from 'dataloader';
import { type ContaminatedSiteConnectionModel, type ContaminatedSiteCursor, type ContaminatedSiteQuery, contaminatedSitesByDistrict } from '../data/sites.ts';

/** Each district's page of registry sites: one statement per request tick for every district asking the same page, one more for their totalCounts. */
export function createContaminatedSitePagesByDistrictCodeLoader(db: Database) {
  const source = contaminatedSitesByDistrict(db);
  return new DataLoader<NestedPageRequest<ContaminatedSiteQuery, ContaminatedSiteCursor>, ContaminatedSiteConnectionModel, string>(
    (requests) => nestedConnections(requests, source),
    { cacheKeyFn: nestedPageCacheKey },
  );
}
