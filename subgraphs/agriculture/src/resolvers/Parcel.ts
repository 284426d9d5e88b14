import type { ParcelResolvers } from '../generated/resolvers.ts';

export const Parcel: ParcelResolvers = {
  // Planning owns parcels: agriculture keeps the key and looks its decisions up by it.
  __resolveReference: ({ id }) => ({ id }),
  officialFarmlandClass: async ({ id }, _, { loaders }) => (await loaders.decisionsByParcelId.load(id)).at(-1) ?? null,
  farmlandClassHistory: ({ id }, _, { loaders }) => loaders.decisionsByParcelId.load(id),
  safeUtilisation: ({ id }, _, { loaders }) => loaders.safeUtilisationByParcelId.load(id),
};
