import { canonicalDistrictCode } from '@soilgraph/domain';
import { emptyConnection, parsePage } from '@soilgraph/server-kit';
import { waterSourceCursor } from '../data/water-sources.ts';
import type { DistrictResolvers } from '../generated/resolvers.ts';
import { parseWaterSourceFilter } from '../inputs.ts';

export const District: DistrictResolvers = {
  // Planning owns districts; water knows the 16 codes (and the pre-2015 aliases) from the domain package.
  __resolveReference: ({ code }) => {
    const current = canonicalDistrictCode(code);
    return current === undefined ? null : { code: current };
  },
  waterSources: (district, args, { loaders }) => {
    const filter = parseWaterSourceFilter(args.filter);
    const page = parsePage(args, waterSourceCursor);
    // Filters narrow: a filter naming another district matches nothing in this one.
    if (filter.districtCode !== undefined && filter.districtCode !== district.code) {
      return emptyConnection(page);
    }
    return loaders.waterSourcePagesByDistrictCode.load({ parent: district.code, query: filter, page });
  },
  allWaterSources: (district, _, { loaders }) => loaders.waterSourcesByDistrictCode.load(district.code),
  waterSourceZones: (district) => ({ districtCode: district.code }),
};
