import type { Database } from '@soilgraph/db';
import { nestedConnections, nestedPageCacheKey, type NestedPageRequest } from '@soilgraph/server-kit';
import DataLoader from 'dataloader';
import { type ParcelConnectionModel, type ParcelCursor, type ParcelQuery, parcelsByDistrict } from '../data/parcels.ts';

/** Each district's page of parcels: one statement per request tick for every district asking the same page, one more for their totalCounts. */
export function createParcelPagesByDistrictCodeLoader(db: Database) {
  const source = parcelsByDistrict(db);
  return new DataLoader<NestedPageRequest<ParcelQuery, ParcelCursor>, ParcelConnectionModel, string>(
    (requests) => nestedConnections(requests, source),
    { cacheKeyFn: nestedPageCacheKey },
  );
}
