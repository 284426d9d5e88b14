import { canonicalDistrictCode } from '@soilgraph/domain';
import { emptyConnection, parsePage } from '@soilgraph/server-kit';
import { surveyPointCursor } from '../data/survey-points.ts';
import type { DistrictResolvers } from '../generated/resolvers.ts';
import { parseSurveyPointFilter } from '../inputs.ts';

export const District: DistrictResolvers = {
  // Planning owns districts; geology knows the 16 codes (and the pre-2015 aliases) from the domain package.
  __resolveReference: ({ code }) => {
    const current = canonicalDistrictCode(code);
    return current === undefined ? null : { code: current };
  },
  surveyPoints: (district, args, { loaders }) => {
    const filter = parseSurveyPointFilter(args.filter);
    const page = parsePage(args, surveyPointCursor);
    // Filters narrow: a filter naming another district matches nothing in this one.
    if (filter.districtCode !== undefined && filter.districtCode !== district.code) {
      return emptyConnection(page);
    }
    return loaders.surveyPointPagesByDistrictCode.load({ parent: district.code, query: filter, page });
  },
  backgroundValues: async (district, { analyte }, { loaders }) => {
    const rows = await loaders.backgroundValuesByDistrict.load(district.code);
    return analyte == null ? rows : rows.filter((v) => v.analyte === analyte);
  },
  dominantSoilType: (district, _, { loaders }) => loaders.dominantSoilTypeByDistrict.load(district.code),
};
