import type { Database } from '@soilgraph/db';
import DataLoader from 'dataloader';
import { pesticideUseByIds, type PesticideUseRow } from '../data/pesticide-use.ts';
import { oneByKey } from './by-key.ts';

/** Pesticide-use records by id, one query per request tick; a missing id loads null. */
export function createPesticideUseByIdLoader(db: Database) {
  return new DataLoader<string, PesticideUseRow | null>(async (ids) => oneByKey(ids, await pesticideUseByIds(db, ids), (r) => r.id));
}
