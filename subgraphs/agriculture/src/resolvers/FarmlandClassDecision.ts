import type { FarmlandClassDecisionResolvers } from '../generated/resolvers.ts';

export const FarmlandClassDecision: FarmlandClassDecisionResolvers = {
  __resolveReference: ({ id }, { loaders }) => loaders.decisionById.load(id),
  parcel: (row) => ({ id: row.parcelId }),
};
