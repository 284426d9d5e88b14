import type { Database } from '@soilgraph/db';
import DataLoader from 'dataloader';
import { type ProtectionZoneRow, protectionZonesByIds } from '../data/protection-zones.ts';

/** Protection-zone rows by id, one query per request tick; a missing id loads null. */
export function createProtectionZoneByIdLoader(db: Database) {
  return new DataLoader<string, ProtectionZoneRow | null>(async (ids) => {
    const rows = await protectionZonesByIds(db, ids);
    const byId = new Map(rows.map((r) => [r.id, r]));
    return ids.map((id) => byId.get(id) ?? null);
  });
}
