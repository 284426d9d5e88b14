import type { PesticideUseResolvers } from '../generated/resolvers.ts';

export const PesticideUse: PesticideUseResolvers = {
  __resolveReference: ({ id }, { loaders }) => loaders.pesticideUseById.load(id),
  district: (row) => ({ code: row.districtCode }),
};
