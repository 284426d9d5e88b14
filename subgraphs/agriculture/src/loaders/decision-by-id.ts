import type { Database } from '@soilgraph/db';
import { oneByKey } from '@soilgraph/server-kit';
import DataLoader from 'dataloader';
import { decisionsByIds, type FarmlandClassDecisionRow } from '../data/farmland-class-decisions.ts';

/** Farmland class decisions by id, one query per request tick; a missing id loads null. */
export function createDecisionByIdLoader(db: Database) {
  return new DataLoader<string, FarmlandClassDecisionRow | null>(async (ids) => oneByKey(ids, await decisionsByIds(db, ids), (r) => r.id));
}
