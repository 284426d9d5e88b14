import type { Database } from '@soilgraph/db';
import { nestedConnections, nestedPageCacheKey, type NestedPageRequest } from '@soilgraph/server-kit';
import DataLoader from 'dataloader';
import { type MonitoringPointConnectionModel, type MonitoringPointCursor, type MonitoringPointQuery, monitoringPointsByDistrict } from '../data/monitoring-points.ts';

/** Each district's page of monitoring points: one statement per request tick for every district asking the same page, one more for their totalCounts. */
export function createMonitoringPointPagesByDistrictCodeLoader(db: Database) {
  const source = monitoringPointsByDistrict(db);
  return new DataLoader<NestedPageRequest<MonitoringPointQuery, MonitoringPointCursor>, MonitoringPointConnectionModel, string>(
    (requests) => nestedConnections(requests, source),
    { cacheKeyFn: nestedPageCacheKey },
  );
}
