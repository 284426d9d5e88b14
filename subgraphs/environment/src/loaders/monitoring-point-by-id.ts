import type { Database } from '@soilgraph/db';
import { oneByKey } from '@soilgraph/server-kit';
import DataLoader from 'dataloader';
import { type MonitoringPointRow, monitoringPointsByIds } from '../data/monitoring-points.ts';

/** Monitoring-point rows by id, one query per request tick; a missing id loads null. */
export function createMonitoringPointByIdLoader(db: Database) {
  return new DataLoader<string, MonitoringPointRow | null>(async (ids) => {
    const rows = await monitoringPointsByIds(db, ids);
    return oneByKey(ids, rows, (r) => r.id);
  });
}
