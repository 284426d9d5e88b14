import type { Database } from '@soilgraph/db';
import { oneByKey } from '@soilgraph/server-kit';
import DataLoader from 'dataloader';
import { fertilizerUseByIds, type FertilizerUseRow } from '../data/fertilizer-use.ts';

/** Fertiliser-use records by id, one query per request tick; a missing id loads null. */
export function createFertilizerUseByIdLoader(db: Database) {
  return new DataLoader<string, FertilizerUseRow | null>(async (ids) => oneByKey(ids, await fertilizerUseByIds(db, ids), (r) => r.id));
}
