import type { ProtectionZoneResolvers } from '../generated/resolvers.ts';

export const ProtectionZone: ProtectionZoneResolvers = {
  __resolveReference: ({ id }, { loaders }) => loaders.protectionZoneById.load(id),
  waterSource: async (zone, _, { loaders }) => {
    const source = await loaders.waterSourceById.load(zone.waterSourceId);
    if (!source) throw new Error(`protection zone ${zone.id} names water source ${zone.waterSourceId}, which is missing`);
    return source;
  },
  bbox: (zone) => ({ minLon: zone.minLon, minLat: zone.minLat, maxLon: zone.maxLon, maxLat: zone.maxLat }),
};
