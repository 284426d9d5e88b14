import { badUserInput } from '@soilgraph/server-kit';
import { areaOf } from '../data/area-geology.ts';
import type { ProtectionZoneResolvers } from '../generated/resolvers.ts';

export const ProtectionZone: ProtectionZoneResolvers = {
  // Water owns protection zones: geology keeps the representation (id, and geometry when @requires sent it).
  __resolveReference: (zone) => zone,
  geology: (zone, _, { loaders }) => {
    const { geometry } = zone;
    if (typeof geometry !== 'object' || geometry === null || typeof geometry.type !== 'string') {
      throw badUserInput(`ProtectionZone ${zone.id}: geology requires the zone's GeoJSON geometry in the representation`, [
        'representations',
      ]);
    }
    return loaders.geologyByArea.load(areaOf('ProtectionZone', zone.id, geometry));
  },
};
