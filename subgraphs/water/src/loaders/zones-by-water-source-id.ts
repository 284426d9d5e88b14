import type { Database } from '@soilgraph/db';
import DataLoader from 'dataloader';
import { byLevelThenId, type ProtectionZoneRow, protectionZonesByWaterSourceIds } from '../data/protection-zones.ts';

/** Each water source's zones by level then id, one query per request tick; a source without zones loads []. */
export function createZonesByWaterSourceIdLoader(db: Database) {
  return new DataLoader<string, ProtectionZoneRow[]>(async (ids) => {
    const rows = await protectionZonesByWaterSourceIds(db, ids);
    const bySource = new Map<string, ProtectionZoneRow[]>();
    for (const row of rows) {
      const list = bySource.get(row.waterSourceId) ?? [];
      list.push(row);
      bySource.set(row.waterSourceId, list);
    }
    return ids.map((id) => (bySource.get(id) ?? []).sort(byLevelThenId));
  });
}
