import type { Geometry } from '@soilgraph/geo';
import { badUserInput } from '@soilgraph/server-kit';
import { landUseShares } from '../data/parcels.ts';
import type { ProtectionZoneRef } from '../data/references.ts';
import type { ProtectionZoneResolvers } from '../generated/resolvers.ts';
import type { ZoneGeometry } from '../loaders/parcels-by-zone.ts';

/** The zone with water's polygon, or a BAD_USER_INPUT error naming the field that needed it. */
function withGeometry(zone: ProtectionZoneRef, field: string): ZoneGeometry {
  const geometry: Geometry | null | undefined = zone.geometry;
  if (typeof geometry !== 'object' || geometry === null || typeof geometry.type !== 'string') {
    throw badUserInput(`ProtectionZone ${zone.id}: ${field} requires the zone's GeoJSON geometry in the representation`, [
      'representations',
    ]);
  }
  return { id: zone.id, geometry };
}

export const ProtectionZone: ProtectionZoneResolvers = {
  // Water owns protection zones: planning keeps the representation (id, and geometry when @requires sent it).
  __resolveReference: (zone) => zone,
  parcels: (zone, _, { loaders }) => loaders.parcelsByZone.load(withGeometry(zone, 'parcels')),
  landUse: async (zone, _, { loaders }) => landUseShares(await loaders.parcelsByZone.load(withGeometry(zone, 'landUse'))),
};
