import type { WaterSourceResolvers } from '../generated/resolvers.ts';

export const WaterSource: WaterSourceResolvers = {
  // Water owns water sources: environment answers for any id, with the points that watch it.
  __resolveReference: ({ id }) => ({ id }),
  monitoringPoints: (source, _, { loaders }) => loaders.monitoringPointsByWaterSourceId.load(source.id),
};
