import type { Database } from '@soilgraph/db';
import { oneByKey } from '@soilgraph/server-kit';
import DataLoader from 'dataloader';
import { type ProtectionZoneRow, protectionZonesByIds } from '../data/protection-zones.ts';

/** Protection-zone rows by id, one query per request tick; a missing id loads null. */
export function createProtectionZoneByIdLoader(db: Database) {
  return new DataLoader<string, ProtectionZoneRow | null>(async (ids) => {
    const rows = await protectionZonesByIds(db, ids);
    return oneByKey(ids, rows, (r) => r.id);
  });
}
