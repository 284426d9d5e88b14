import type { Database } from '@soilgraph/db';
import { oneByKey } from '@soilgraph/server-kit';
import DataLoader from 'dataloader';
import { pesticideUseByIds, type PesticideUseRow } from '../data/pesticide-use.ts';

/** Pesticide-use records by id, one query per request tick; a missing id loads null. */
export function createPesticideUseByIdLoader(db: Database) {
  return new DataLoader<string, PesticideUseRow | null>(async (ids) => oneByKey(ids, await pesticideUseByIds(db, ids), (r) => r.id));
}
