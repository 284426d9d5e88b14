import type { Database } from '@soilgraph/db';
import { nestedConnections, nestedPageCacheKey, type NestedPageRequest } from '@soilgraph/server-kit';
import DataLoader from 'dataloader';
import { type SoilSampleConnectionModel, type SoilSampleCursor, type SoilSampleParent, type SoilSampleQuery, soilSamplesUnder } from '../data/soil-samples.ts';

/**
 * Each parent's page of samples (a parcel's, a district's or a monitoring point's, by `parent`):
 * one statement per request tick for every parent asking the same page, one more for their totalCounts.
 */
export function createSoilSamplePagesLoader(db: Database, parent: SoilSampleParent) {
  const source = soilSamplesUnder(db, parent);
  return new DataLoader<NestedPageRequest<SoilSampleQuery, SoilSampleCursor>, SoilSampleConnectionModel, string>(
    (requests) => nestedConnections(requests, source),
    { cacheKeyFn: nestedPageCacheKey },
  );
}
