import type { Database } from '@soilgraph/db';
import { nestedConnections, nestedPageCacheKey, type NestedPageRequest } from '@soilgraph/server-kit';
import DataLoader from 'dataloader';
import { type EnterpriseConnectionModel, type EnterpriseCursor, type EnterpriseQuery, enterprisesByDistrict } from '../data/enterprises.ts';

/** Each district's page of key supervised enterprises: one statement per request tick for every district asking the same page, one more for their totalCounts. */
export function createEnterprisePagesByDistrictCodeLoader(db: Database) {
  const source = enterprisesByDistrict(db);
  return new DataLoader<NestedPageRequest<EnterpriseQuery, EnterpriseCursor>, EnterpriseConnectionModel, string>(
    (requests) => nestedConnections(requests, source),
    { cacheKeyFn: nestedPageCacheKey },
  );
}
