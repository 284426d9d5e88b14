import type { Database } from '@soilgraph/db';
import { manyByKey } from '@soilgraph/server-kit';
import DataLoader from 'dataloader';
import { byLevelThenId, type ProtectionZoneRow, protectionZonesByWaterSourceIds } from '../data/protection-zones.ts';

/** Each water source's zones by level then id, one query per request tick; a source without zones loads []. */
export function createZonesByWaterSourceIdLoader(db: Database) {
  return new DataLoader<string, ProtectionZoneRow[]>(async (ids) => {
    const rows = await protectionZonesByWaterSourceIds(db, ids);
    return manyByKey(ids, rows, (z) => z.waterSourceId).map((list) => list.sort(byLevelThenId));
  });
}
