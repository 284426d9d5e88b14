import type { Database } from '@soilgraph/db';
import { badUserInput, remembered } from '@soilgraph/server-kit';
import type { Context } from '../context.ts';
import type { Geometry } from '@soilgraph/geo';
import DataLoader from 'dataloader';
import { type ParcelRow, parcelsIntersecting } from '../data/parcels.ts';
import type { ProtectionZoneRef } from '../data/references.ts';

/** A protection zone as the gateway represents it to planning: its id and water's polygon. */
export interface ZoneGeometry {
  id: string;
  geometry: Geometry;
}

/** The zone with water's polygon, or a BAD_USER_INPUT error naming the field that needed it. */
export function withGeometry(zone: ProtectionZoneRef, field: string): ZoneGeometry {
  const geometry: Geometry | null | undefined = zone.geometry;
  if (typeof geometry !== 'object' || geometry === null || typeof geometry.type !== 'string') {
    throw badUserInput(`ProtectionZone ${zone.id}: ${field} requires the zone's GeoJSON geometry in the representation`, [
      'representations',
    ]);
  }
  return { id: zone.id, geometry };
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

/**
 * The parcels intersecting one zone: remembered (server-kit) under the zone's polygon while
 * planning's parcels are unchanged, since a zone of tens of square kilometres holds thousands of
 * parcels to fetch and test; zones not remembered share the loader's batch.
 */
export function parcelsInZone(context: Pick<Context, 'db' | 'dataVersion' | 'loaders'>, zone: ZoneGeometry): Promise<ParcelRow[]> {
  return remembered(context.db, 'parcelsInZone', zone.geometry, context.dataVersion(), () => context.loaders.parcelsByZone.load(zone));
}
