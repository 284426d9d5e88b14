import type { WaterSourceResolvers } from '../generated/resolvers.ts';

export const WaterSource: WaterSourceResolvers = {
  __resolveReference: ({ id }, { loaders }) => loaders.waterSourceById.load(id),
  district: (source) => ({ code: source.districtCode }),
  zones: async (source, { level }, { loaders }) => {
    const zones = await loaders.zonesByWaterSourceId.load(source.id);
    return level ? zones.filter((z) => z.level === level) : zones;
  },
};
