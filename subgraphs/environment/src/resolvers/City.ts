import { asRef, required } from '@soilgraph/server-kit';
import { BEIJING_DISTRICTS } from '@soilgraph/domain';
import { combinedNetwork } from '../data/monitoring-points.ts';
import type { CityRef } from '../data/references.ts';
import type { CityResolvers } from '../generated/resolvers.ts';
import { areaSurveys, districtsOf, earlyWarningSummary, farmlandClassSuggestions, soilRiskSummary, waterSourceWarnings } from '../risk/index.ts';
import { citySensitiveUseChangesWithoutSurvey } from './LandUseChange.ts';

export const City: CityResolvers = {
  // Planning owns the city (Beijing, 110000); environment keeps the districts and changes the gateway sent through @requires.
  __resolveReference: (city) => (city.code === '110000' ? city : null),
  soilRisk: async (city, _, context) => soilRiskSummary(await areaSurveys(context, districtsOf(asRef<CityRef>(city), 'City: soilRisk'), 'City: soilRisk')),
  // The 16 districts' networks summed: the districts of the same request share the loader's statements.
  monitoringNetwork: async (_city, _, { loaders }) =>
    combinedNetwork(await Promise.all(BEIJING_DISTRICTS.map((d) => loaders.monitoringNetworkByDistrictCode.load(d.code)))),
  drinkingWaterEarlyWarning: async (city, _, context) => {
    const where = 'City: drinkingWaterEarlyWarning';
    const sources = districtsOf(asRef<CityRef>(city), where).flatMap((d) => required(d, 'allWaterSources', where));
    return earlyWarningSummary(await waterSourceWarnings(context, sources, {}, where));
  },
  farmlandClassSuggestions: async (city, _, context) =>
    farmlandClassSuggestions(await areaSurveys(context, districtsOf(asRef<CityRef>(city), 'City: farmlandClassSuggestions'), 'City: farmlandClassSuggestions', { backgrounds: false })),
  sensitiveUseChangesWithoutSurvey: citySensitiveUseChangesWithoutSurvey,
};
