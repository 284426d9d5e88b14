import type { Database } from '@soilgraph/db';
import { nestedConnections, nestedPageCacheKey, type NestedPageRequest } from '@soilgraph/server-kit';
import DataLoader from 'dataloader';
import { type WaterSourceConnectionModel, type WaterSourceCursor, type WaterSourceQuery, waterSourcesByDistrict } from '../data/water-sources.ts';

/** Each district's page of water sources: one statement per request tick for every district asking the same page, one more for their totalCounts. */
export function createWaterSourcePagesByDistrictCodeLoader(db: Database) {
  const source = waterSourcesByDistrict(db);
  return new DataLoader<NestedPageRequest<WaterSourceQuery, WaterSourceCursor>, WaterSourceConnectionModel, string>(
    (requests) => nestedConnections(requests, source),
    { cacheKeyFn: nestedPageCacheKey },
  );
}
