import { canonicalDistrictCode } from '@soilgraph/domain';
import type { ProtectionZoneSetResolvers } from '../generated/resolvers.ts';

export const ProtectionZoneSet: ProtectionZoneSetResolvers = {
  __resolveReference: ({ districtCode }) => {
    const current = canonicalDistrictCode(districtCode);
    return current === undefined ? null : { districtCode: current };
  },
  zones: async ({ districtCode }, _, { loaders }) => {
    const sources = await loaders.waterSourcesByDistrictCode.load(districtCode);
    return (await loaders.zonesByWaterSourceId.loadMany(sources.map((s) => s.id))).flatMap((zones) => {
      if (zones instanceof Error) throw zones;
      return zones;
    });
  },
};
