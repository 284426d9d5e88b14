import { canonicalDistrictCode } from '@soilgraph/domain';
import type { ProtectionZoneSetResolvers } from '../generated/resolvers.ts';

export const ProtectionZoneSet: ProtectionZoneSetResolvers = {
  __resolveReference: ({ districtCode }) => {
    const current = canonicalDistrictCode(districtCode);
    return current === undefined ? null : { districtCode: current };
  },
  zones: async ({ districtCode }, _, { loaders }) => {
    const sources = await loaders.waterSourcesByDistrictCode.load(districtCode);
    return (await Promise.all(sources.map((s) => loaders.zonesByWaterSourceId.load(s.id)))).flat();
  },
};
