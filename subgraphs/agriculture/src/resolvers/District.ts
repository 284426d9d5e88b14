import { canonicalDistrictCode } from '@soilgraph/domain';
import { emptyConnection, parsePage } from '@soilgraph/server-kit';
import { cropYearCursor, type CropYearQuery } from '../data/crop-year.ts';
import { findFertilizerUse } from '../data/fertilizer-use.ts';
import { findPesticideUse } from '../data/pesticide-use.ts';
import { yearInRange } from '../data/ranges.ts';
import type { DistrictRef } from '../data/references.ts';
import type { DistrictResolvers } from '../generated/resolvers.ts';
import { parseCropYearFilter, parseYearRange } from '../inputs.ts';

/**
 * Filters narrow: a filter naming another district matches nothing in this one. Returns the
 * query scoped to the district, or undefined when nothing can match.
 */
function scoped(district: DistrictRef, filter: CropYearQuery): CropYearQuery | undefined {
  if (filter.districtCode !== undefined && filter.districtCode !== district.code) return undefined;
  return { ...filter, districtCode: district.code };
}

export const District: DistrictResolvers = {
  // Planning owns districts; agriculture knows the 16 codes (and the pre-2015 aliases) from the domain package.
  __resolveReference: ({ code }) => {
    const current = canonicalDistrictCode(code);
    return current === undefined ? null : { code: current };
  },
  fertilizerUse: (district, args, { db }) => {
    const filter = scoped(district, parseCropYearFilter(args.filter));
    const page = parsePage(args, cropYearCursor);
    return filter ? findFertilizerUse(db, filter, page) : emptyConnection(page);
  },
  pesticideUse: (district, args, { db }) => {
    const filter = scoped(district, parseCropYearFilter(args.filter));
    const page = parsePage(args, cropYearCursor);
    return filter ? findPesticideUse(db, filter, page) : emptyConnection(page);
  },
  agriculturalCoverage: async (district, { years }, { loaders }) => {
    const range = years ? parseYearRange(years, ['years']) : undefined;
    const rows = await loaders.coverageByDistrictCode.load(district.code);
    return rows.filter((row) => yearInRange(row.year, range));
  },
};
