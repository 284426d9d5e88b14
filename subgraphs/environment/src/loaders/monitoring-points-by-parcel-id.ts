import type { Database } from '@soilgraph/db';
import { manyByKey } from '@soilgraph/server-kit';
import DataLoader from 'dataloader';
import { type MonitoringPointRow, monitoringPointsByParcelIds } from '../data/monitoring-points.ts';

/** The monitoring points on each parcel, ordered by id, one query per request tick; a parcel without any loads []. */
export function createMonitoringPointsByParcelIdLoader(db: Database) {
  return new DataLoader<string, MonitoringPointRow[]>(async (ids) => {
    const rows = await monitoringPointsByParcelIds(db, ids);
    return manyByKey(ids, rows, (p) => p.parcelId);
  });
}
