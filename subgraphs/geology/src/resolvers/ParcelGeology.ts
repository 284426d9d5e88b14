import type { ParcelGeologyResolvers } from '../generated/resolvers.ts';

export const ParcelGeology: ParcelGeologyResolvers = {
  soilType: (g) => g.nearest.soilType,
  parentMaterial: (g) => g.nearest.parentMaterial,
  groundwaterDepthM: (g) => g.nearest.groundwaterDepthM,
  nearestSurveyPoint: (g) => g.nearest,
  distanceKm: (g) => g.distanceKm,
  surveyPointsWithin: (g, _, { loaders }) => loaders.surveyPointsByParcel.load(g.parcel),
};
