import { BEIJING_DISTRICTS, canonicalDistrictCode } from '@soilgraph/domain';
import { asRef, badUserInput, pageOfList, parsePage, required } from '@soilgraph/server-kit';
import { checkedSuggestions, type CityRef, districtsOf, parcelAreas } from '../data/references.ts';
import { comparisonCursor, farmlandClassAreas, farmlandClassComparison } from '../farmland-classes.ts';
import type { CityResolvers } from '../generated/resolvers.ts';
import { parsePlanYear } from '../inputs.ts';
import { loadAll } from '../loaders/load-all.ts';
import { areaPlanIndicators } from '../plan-indicators.ts';

/** Beijing's GB/T 2260 code: the only city there is. */
const BEIJING = '110000';

/** Every district of the city: its decisions are the decisions of all 16. */
const ALL_DISTRICT_CODES = BEIJING_DISTRICTS.map((d) => d.code);

export const City: CityResolvers = {
  // Planning owns the city; agriculture keeps the districts the gateway sent through @requires.
  __resolveReference: (city) => (city.code === BEIJING ? city : null),
  planIndicators: (parent, { year }, context) => {
    const where = 'City: planIndicators';
    const planYear = parsePlanYear(year);
    const districts = districtsOf(asRef<CityRef>(parent), where);
    const codes = districts.map((d, i) => {
      const code = canonicalDistrictCode(required(d, 'code', where, `districts[${i}].code`));
      if (code === undefined) throw badUserInput(`${where}: districts[${i}].code names no Beijing district`, ['representations']);
      return code;
    });
    const areas = new Map(districts.flatMap((d, i) => [...parcelAreas(required(d, 'allParcels', where, `districts[${i}].allParcels`), where, `districts[${i}].allParcels`)]));
    return areaPlanIndicators(context, { districtCodes: codes, parcelAreas: areas }, planYear);
  },
  farmlandClasses: async (parent, _, { loaders }) => {
    const where = 'City: farmlandClasses';
    const districts = districtsOf(asRef<CityRef>(parent), where);
    const areas = new Map(districts.flatMap((d, i) => [...parcelAreas(required(d, 'allParcels', where, `districts[${i}].allParcels`), where, `districts[${i}].allParcels`)]));
    const suggestions = districts.flatMap((d, i) =>
      checkedSuggestions(required(d, 'farmlandClassSuggestions', where, `districts[${i}].farmlandClassSuggestions`), where, `districts[${i}].farmlandClassSuggestions`),
    );
    return farmlandClassAreas(await loadAll(loaders.decisionsByDistrictCode, ALL_DISTRICT_CODES), suggestions, areas);
  },
  farmlandClassComparison: async (parent, args, { loaders }) => {
    const page = parsePage(args, comparisonCursor);
    const where = 'City: farmlandClassComparison';
    const districts = districtsOf(asRef<CityRef>(parent), where);
    const suggestions = districts.flatMap((d, i) =>
      checkedSuggestions(required(d, 'farmlandClassSuggestions', where, `districts[${i}].farmlandClassSuggestions`), where, `districts[${i}].farmlandClassSuggestions`),
    );
    const list = farmlandClassComparison(await loadAll(loaders.decisionsByDistrictCode, ALL_DISTRICT_CODES), suggestions, args.agreement ?? undefined);
    return pageOfList(list, page, (c) => [c.parcel.id]);
  },
};
