import type { Database } from '@soilgraph/db';
import { manyByKey } from '@soilgraph/server-kit';
import DataLoader from 'dataloader';
import { type MonitoringPointRow, monitoringPointsByWaterSourceIds } from '../data/monitoring-points.ts';

/** The monitoring points watching each water source, ordered by id, one query per request tick; none loads []. */
export function createMonitoringPointsByWaterSourceIdLoader(db: Database) {
  return new DataLoader<string, MonitoringPointRow[]>(async (ids) => {
    const rows = await monitoringPointsByWaterSourceIds(db, ids);
    return manyByKey(ids, rows, (p) => p.waterSourceId);
  });
}
