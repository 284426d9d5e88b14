import type { Geometry } from '@soilgraph/geo';
import { badUserInput } from '@soilgraph/server-kit';
import { landUseShares } from '../data/parcels.ts';
import type { ProtectionZoneRef } from '../data/references.ts';
import type { ProtectionZoneResolvers } from '../generated/resolvers.ts';
import { parcelsInZone, type ZoneGeometry } from '../loaders/parcels-by-zone.ts';

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
  parcels: (zone, _, context) => parcelsInZone(context, withGeometry(zone, 'parcels')),
  districts: async (zone, _, context) => {
    const codes = [...new Set((await parcelsInZone(context, withGeometry(zone, 'districts'))).map((p) => p.districtCode))].sort();
    return Promise.all(
      codes.map(async (code) => {
        const district = await context.loaders.districtByCode.load(code);
        if (!district) throw new Error(`a parcel in zone ${zone.id} names district ${code}, which is missing`);
        return district;
      }),
    );
  },
  landUse: async (zone, _, context) => landUseShares(await parcelsInZone(context, withGeometry(zone, 'landUse'))),
};
