import type { Database } from '@soilgraph/db';
import DataLoader from 'dataloader';
import { type MonitoringPointRow, monitoringPointsByWaterSourceIds } from '../data/monitoring-points.ts';
import { groupInKeyOrder } from './group-by.ts';

/** The monitoring points watching each water source, ordered by id, one query per request tick; none loads []. */
export function createMonitoringPointsByWaterSourceIdLoader(db: Database) {
  return new DataLoader<string, MonitoringPointRow[]>(async (ids) => {
    const rows = await monitoringPointsByWaterSourceIds(db, ids);
    return groupInKeyOrder(ids, rows, (p) => p.waterSourceId);
  });
}
