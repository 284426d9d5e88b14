import { emptyConnection, parsePage } from '@soilgraph/server-kit';
import { parcelCursor } from '../data/parcels.ts';
import type { DistrictResolvers } from '../generated/resolvers.ts';
import { parseParcelFilter } from '../inputs.ts';

export const District: DistrictResolvers = {
  __resolveReference: ({ code }, { loaders }) => loaders.districtByCode.load(code),
  parcels: (district, args, { loaders }) => {
    const filter = parseParcelFilter(args.filter);
    const page = parsePage(args, parcelCursor);
    // Filters narrow: a filter naming another district matches nothing in this one.
    if (filter.districtCode !== undefined && filter.districtCode !== district.code) {
      return emptyConnection(page);
    }
    return loaders.parcelPagesByDistrictCode.load({ parent: district.code, query: filter, page });
  },
  allParcels: (district, _, { loaders }) => loaders.parcelsByDistrictCode.load(district.code),
  sensitiveUseChanges: (district, _, { loaders }) => loaders.sensitiveUseChangesByDistrictCode.load(district.code),
};
