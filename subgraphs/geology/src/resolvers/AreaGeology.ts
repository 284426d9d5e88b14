import type { AreaGeologyResolvers } from '../generated/resolvers.ts';

export const AreaGeology: AreaGeologyResolvers = {
  soilType: (g) => g.nearest.soilType,
  parentMaterial: (g) => g.nearest.parentMaterial,
  groundwaterDepthM: (g) => g.nearest.groundwaterDepthM,
  nearestSurveyPoint: (g) => g.nearest,
  distanceKm: (g) => g.distanceKm,
  surveyPointsWithin: (g, _, { loaders }) => loaders.surveyPointsByArea.load(g.area),
};
