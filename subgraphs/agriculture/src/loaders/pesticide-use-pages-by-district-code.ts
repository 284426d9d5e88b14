import type { Database } from '@soilgraph/db';
import { pesticideUse } from '@soilgraph/db/agriculture';
import { nestedConnections, nestedPageCacheKey, type NestedPageRequest } from '@soilgraph/server-kit';
import DataLoader from 'dataloader';
import { type CropYearCursor, type CropYearQuery, cropYearRowsByDistrict } from '../data/crop-year.ts';
import type { PesticideUseConnectionModel } from '../data/pesticide-use.ts';

/** Each district's page of pesticide use: one statement per request tick for every district asking the same page, one more for their totalCounts. */
export function createPesticideUsePagesByDistrictCodeLoader(db: Database) {
  const source = cropYearRowsByDistrict(db, pesticideUse);
  return new DataLoader<NestedPageRequest<CropYearQuery, CropYearCursor>, PesticideUseConnectionModel, string>(
    (requests) => nestedConnections(requests, source),
    { cacheKeyFn: nestedPageCacheKey },
  );
}
