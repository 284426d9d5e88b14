import type { Database } from '@soilgraph/db';
import DataLoader from 'dataloader';
import { geologyOfParcels, type ParcelGeologyModel, type ParcelGeometry } from '../data/parcel-geology.ts';

/** The geology beneath each parcel, keyed by parcel id: every parcel of one _entities call shares its queries. */
export function createGeologyByParcelLoader(db: Database) {
  return new DataLoader<ParcelGeometry, ParcelGeologyModel | null, string>((parcels) => geologyOfParcels(db, parcels), {
    cacheKeyFn: (parcel) => parcel.id,
  });
}
