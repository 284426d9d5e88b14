import type { Database } from '@soilgraph/db';
import { manyByKey } from '@soilgraph/server-kit';
import DataLoader from 'dataloader';
import { decisionsByParcelIds, type FarmlandClassDecisionRow } from '../data/farmland-class-decisions.ts';

/**
 * Every decision on each parcel, oldest first, one query for all parcels of a request tick
 * (so _entities for many parcels is one query); a parcel without decisions loads [].
 */
export function createDecisionsByParcelIdLoader(db: Database) {
  return new DataLoader<string, FarmlandClassDecisionRow[]>(async (parcelIds) =>
    manyByKey(parcelIds, await decisionsByParcelIds(db, parcelIds), (r) => r.parcelId),
  );
}
