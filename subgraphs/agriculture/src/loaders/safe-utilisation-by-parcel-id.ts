import type { Database } from '@soilgraph/db';
import { manyByKey } from '@soilgraph/server-kit';
import DataLoader from 'dataloader';
import { safeUtilisationByParcelIds, type SafeUtilisationRecordRow } from '../data/safe-utilisation.ts';

/** Every safe-utilisation record of each parcel, oldest year first, one query per request tick; none loads []. */
export function createSafeUtilisationByParcelIdLoader(db: Database) {
  return new DataLoader<string, SafeUtilisationRecordRow[]>(async (parcelIds) =>
    manyByKey(parcelIds, await safeUtilisationByParcelIds(db, parcelIds), (r) => r.parcelId),
  );
}
