import { submit } from '@soilgraph/server-kit';
import type { MutationResolvers } from '../generated/resolvers.ts';
import { landUseChangeSubmissions, parcelSubmissions } from '../submissions.ts';

export const Mutation: MutationResolvers = {
  submitParcels: (_, { parcels }, { db }) => submit(db, parcelSubmissions, parcels),
  submitLandUseChanges: (_, { changes }, { db }) => submit(db, landUseChangeSubmissions, changes),
};
