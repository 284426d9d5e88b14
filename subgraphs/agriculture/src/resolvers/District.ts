import { canonicalDistrictCode } from '@soilgraph/domain';
import { type Page, parsePage, toConnection } from '@soilgraph/server-kit';
import { cropYearCursor, type CropYearCursor, type CropYearQuery } from '../data/crop-year.ts';
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

function empty<T>(page: Page<CropYearCursor>) {
  return toConnection<T, CropYearCursor>([], page, () => [0, '', ''], async () => 0);
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
    return filter ? findFertilizerUse(db, filter, page) : empty(page);
  },
  pesticideUse: (district, args, { db }) => {
    const filter = scoped(district, parseCropYearFilter(args.filter));
    const page = parsePage(args, cropYearCursor);
    return filter ? findPesticideUse(db, filter, page) : empty(page);
  },
  agriculturalCoverage: async (district, { years }, { loaders }) => {
    const range = years ? parseYearRange(years, ['years']) : undefined;
    const rows = await loaders.coverageByDistrictCode.load(district.code);
    return rows.filter((row) => yearInRange(row.year, range));
  },
};
