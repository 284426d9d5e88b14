import type { Database } from '@soilgraph/db';
import type { Geometry } from '@soilgraph/geo';
import DataLoader from 'dataloader';
import { type ProtectionZoneRow, protectionZonesIntersecting } from '../data/protection-zones.ts';

/** A parcel as the gateway represents it to water: its id and planning's boundary. */
export interface ParcelGeometry {
  id: string;
  geometry: Geometry;
}

/**
 * The zones each parcel lies in (by level, then id), keyed by parcel id: every parcel of
 * one _entities call shares one bbox candidate query.
 */
export function createZonesByParcelLoader(db: Database) {
  return new DataLoader<ParcelGeometry, ProtectionZoneRow[], string>(
    (parcels) => protectionZonesIntersecting(db, parcels.map((p) => p.geometry)),
    { cacheKeyFn: (parcel) => parcel.id },
  );
}
