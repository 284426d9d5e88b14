import { totalFertilizerT } from '../data/fertilizer-use.ts';
import type { FertilizerUseResolvers } from '../generated/resolvers.ts';

export const FertilizerUse: FertilizerUseResolvers = {
  __resolveReference: ({ id }, { loaders }) => loaders.fertilizerUseById.load(id),
  district: (row) => ({ code: row.districtCode }),
  totalT: (row) => totalFertilizerT(row),
};
