import type { Database } from '@soilgraph/db';
import DataLoader from 'dataloader';
import { type MonitoringNetworkModel, monitoringNetworks } from '../data/monitoring-points.ts';

/** Each district's monitoring network (counts), two statements per request tick however many districts ask (the city asks for all 16). */
export function createMonitoringNetworkByDistrictCodeLoader(db: Database) {
  return new DataLoader<string, MonitoringNetworkModel>((codes) => monitoringNetworks(db, codes));
}
