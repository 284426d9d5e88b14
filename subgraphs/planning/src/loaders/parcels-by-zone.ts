import type { Database } from '@soilgraph/db';
import type { Geometry } from '@soilgraph/geo';
import DataLoader from 'dataloader';
import { type ParcelRow, parcelsIntersecting } from '../data/parcels.ts';

/** A protection zone as the gateway represents it to planning: its id and water's polygon. */
export interface ZoneGeometry {
  id: string;
  geometry: Geometry;
}

/**
 * The parcels intersecting each zone (by id), keyed by zone id: every zone of one _entities
 * call shares one bbox candidate query.
 */
export function createParcelsByZoneLoader(db: Database) {
  return new DataLoader<ZoneGeometry, ParcelRow[], string>((zones) => parcelsIntersecting(db, zones.map((z) => z.geometry)), {
    cacheKeyFn: (zone) => zone.id,
  });
}
