import { asRef, required } from '@soilgraph/server-kit';
import { BEIJING_DISTRICTS } from '@soilgraph/domain';
import { combinedNetwork } from '../data/monitoring-points.ts';
import type { CityRef } from '../data/references.ts';
import type { CityResolvers } from '../generated/resolvers.ts';
import { areaEarlyWarning, areaFarmlandClassSuggestions, areaSoilRisk, districtsOf } from '../risk/index.ts';
import { citySensitiveUseChangesWithoutSurvey } from './LandUseChange.ts';

export const City: CityResolvers = {
  // Planning owns the city (Beijing, 110000); environment keeps the districts and changes the gateway sent through @requires.
  __resolveReference: (city) => (city.code === '110000' ? city : null),
  soilRisk: (city, _, context) => areaSoilRisk(context, districtsOf(asRef<CityRef>(city), 'City: soilRisk'), 'City: soilRisk'),
  // The 16 districts' networks summed: the districts of the same request share the loader's statements.
  monitoringNetwork: async (_city, _, { loaders }) =>
    combinedNetwork(await Promise.all(BEIJING_DISTRICTS.map((d) => loaders.monitoringNetworkByDistrictCode.load(d.code)))),
  drinkingWaterEarlyWarning: (city, _, context) => {
    const where = 'City: drinkingWaterEarlyWarning';
    const districts = districtsOf(asRef<CityRef>(city), where);
    return areaEarlyWarning(context, districts.flatMap((d) => required(d, 'allWaterSources', where)), where, { districts });
  },
  farmlandClassSuggestions: (city, _, context) =>
    areaFarmlandClassSuggestions(context, districtsOf(asRef<CityRef>(city), 'City: farmlandClassSuggestions'), 'City: farmlandClassSuggestions'),
  sensitiveUseChangesWithoutSurvey: citySensitiveUseChangesWithoutSurvey,
};
