import { canonicalDistrictCode } from '@soilgraph/domain';
import { asRef, emptyConnection, pageOfList, parsePage, required } from '@soilgraph/server-kit';
import { cropYearCursor, type CropYearQuery } from '../data/crop-year.ts';
import { yearInRange } from '../data/ranges.ts';
import { checkedSuggestions, type DistrictRef, parcelAreas } from '../data/references.ts';
import { comparisonCursor, farmlandClassAreas, farmlandClassComparison } from '../farmland-classes.ts';
import type { DistrictResolvers } from '../generated/resolvers.ts';
import { parseCropYearFilter, parsePlanYear, parseYearRange } from '../inputs.ts';
import { areaPlanIndicators } from '../plan-indicators.ts';

/**
 * Filters narrow: a filter naming another district matches nothing in this one. Returns the
 * filter without its district (the loader scopes each district's page, and the same filter lets
 * every district of a request share one statement), or undefined when nothing can match.
 */
function scoped(district: DistrictRef, { districtCode, ...filter }: CropYearQuery): CropYearQuery | undefined {
  return districtCode !== undefined && districtCode !== district.code ? undefined : filter;
}

export const District: DistrictResolvers = {
  // Planning owns districts; agriculture knows the 16 codes (and the pre-2015 aliases) from the domain package.
  // It keeps the other agencies' fields the gateway sent through @requires (parcels, class suggestions).
  __resolveReference: (district) => {
    const current = canonicalDistrictCode(district.code);
    return current === undefined ? null : { ...district, code: current };
  },
  planIndicators: (parent, { year }, context) => {
    const district = asRef<DistrictRef>(parent);
    const where = `District ${district.code}: planIndicators`;
    const planYear = parsePlanYear(year);
    const areas = parcelAreas(required(district, 'allParcels', where), where, 'allParcels');
    return areaPlanIndicators(context, { districtCodes: [district.code], parcelAreas: areas }, planYear);
  },
  farmlandClasses: async (parent, _, { loaders }) => {
    const district = asRef<DistrictRef>(parent);
    const where = `District ${district.code}: farmlandClasses`;
    const areas = parcelAreas(required(district, 'allParcels', where), where, 'allParcels');
    const suggestions = checkedSuggestions(required(district, 'farmlandClassSuggestions', where), where, 'farmlandClassSuggestions');
    return farmlandClassAreas(await loaders.decisionsByDistrictCode.load(district.code), suggestions, areas);
  },
  farmlandClassComparison: async (parent, args, { loaders }) => {
    const page = parsePage(args, comparisonCursor);
    const district = asRef<DistrictRef>(parent);
    const where = `District ${district.code}: farmlandClassComparison`;
    const suggestions = checkedSuggestions(required(district, 'farmlandClassSuggestions', where), where, 'farmlandClassSuggestions');
    const list = farmlandClassComparison(await loaders.decisionsByDistrictCode.load(district.code), suggestions, args.agreement ?? undefined);
    return pageOfList(list, page, (c) => [c.parcel.id]);
  },
  fertilizerUse: (district, args, { loaders }) => {
    const filter = scoped(district, parseCropYearFilter(args.filter));
    const page = parsePage(args, cropYearCursor);
    return filter ? loaders.fertilizerUsePagesByDistrictCode.load({ parent: district.code, query: filter, page }) : emptyConnection(page);
  },
  pesticideUse: (district, args, { loaders }) => {
    const filter = scoped(district, parseCropYearFilter(args.filter));
    const page = parsePage(args, cropYearCursor);
    return filter ? loaders.pesticideUsePagesByDistrictCode.load({ parent: district.code, query: filter, page }) : emptyConnection(page);
  },
  agriculturalCoverage: async (district, { years }, { loaders }) => {
    const range = years ? parseYearRange(years, ['years']) : undefined;
    const rows = await loaders.coverageByDistrictCode.load(district.code);
    return rows.filter((row) => yearInRange(row.year, range));
  },
};
