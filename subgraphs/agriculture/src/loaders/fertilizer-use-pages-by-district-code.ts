import type { Database } from '@soilgraph/db';
import { fertilizerUse } from '@soilgraph/db/agriculture';
import { nestedConnections, nestedPageCacheKey, type NestedPageRequest } from '@soilgraph/server-kit';
import DataLoader from 'dataloader';
import { type CropYearCursor, type CropYearQuery, cropYearRowsByDistrict } from '../data/crop-year.ts';
import type { FertilizerUseConnectionModel } from '../data/fertilizer-use.ts';

/** Each district's page of fertiliser use: one statement per request tick for every district asking the same page, one more for their totalCounts. */
export function createFertilizerUsePagesByDistrictCodeLoader(db: Database) {
  const source = cropYearRowsByDistrict(db, fertilizerUse);
  return new DataLoader<NestedPageRequest<CropYearQuery, CropYearCursor>, FertilizerUseConnectionModel, string>(
    (requests) => nestedConnections(requests, source),
    { cacheKeyFn: nestedPageCacheKey },
  );
}
