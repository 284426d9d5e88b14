import type { Database } from '@soilgraph/db';
import { oneByKey } from '@soilgraph/server-kit';
import DataLoader from 'dataloader';
import { type ParcelRow, parcelsByIds } from '../data/parcels.ts';

/** Parcel rows by id, one query per request tick; a missing id loads null. */
export function createParcelByIdLoader(db: Database) {
  return new DataLoader<string, ParcelRow | null>(async (ids) => {
    const rows = await parcelsByIds(db, ids);
    return oneByKey(ids, rows, (r) => r.id);
  });
}
