import type { Database } from '@soilgraph/db';
import { manyByKey } from '@soilgraph/server-kit';
import DataLoader from 'dataloader';
import { type ParcelRow, parcelsByDistrictCodes } from '../data/parcels.ts';

/** Every parcel of each district, ordered by id, one query per request tick; a district without parcels loads []. */
export function createParcelsByDistrictCodeLoader(db: Database) {
  return new DataLoader<string, ParcelRow[]>(async (codes) => {
    const rows = await parcelsByDistrictCodes(db, codes);
    return manyByKey(codes, rows, (p) => p.districtCode);
  });
}
