import type { Database } from '@soilgraph/db';
import { type Connection, nestedConnections, nestedPageCacheKey, type NestedPageRequest } from '@soilgraph/server-kit';
import DataLoader from 'dataloader';
import {
  SOIL_SAMPLE_ORDERS,
  type SoilSampleConnectionModel,
  type SoilSampleCursor,
  type SoilSampleListQuery,
  type SoilSampleParent,
  type SoilSampleRow,
  soilSamplesUnder,
} from '../data/soil-samples.ts';

/**
 * Each parent's page of samples (a parcel's, a district's or a monitoring point's, by `parent`):
 * one statement per request tick for every parent asking the same page, one more for their
 * totalCounts. Requests are read per order, each with its source, whose rows' cursors are of that order.
 */
export function createSoilSamplePagesLoader(db: Database, parent: SoilSampleParent) {
  const sources = new Map(SOIL_SAMPLE_ORDERS.map((order) => [order, soilSamplesUnder(db, parent, order)]));
  return new DataLoader<NestedPageRequest<SoilSampleListQuery, SoilSampleCursor>, SoilSampleConnectionModel, string>(
    async (requests) => {
      const connections = new Map<NestedPageRequest<SoilSampleListQuery, SoilSampleCursor>, Connection<SoilSampleRow>>();
      await Promise.all(
        [...sources].map(async ([order, source]) => {
          const ordered = requests.filter((r) => r.query.order === order);
          if (ordered.length === 0) return;
          const pages = await nestedConnections(ordered, source);
          ordered.forEach((request, i) => connections.set(request, pages[i]!));
        }),
      );
      return requests.map((request) => connections.get(request)!);
    },
    { cacheKeyFn: nestedPageCacheKey },
  );
}
