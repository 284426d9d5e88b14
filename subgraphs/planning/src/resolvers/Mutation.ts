import { submit } from '@soilgraph/server-kit';
import type { MutationResolvers } from '../generated/resolvers.ts';
import { landUseChangeSubmissions, parcelSubmissions } from '../submissions.ts';

export const Mutation: MutationResolvers = {
  submitParcels: (_, { parcels }, { db, caller, references }) => submit(db, parcelSubmissions, parcels, caller, references),
  submitLandUseChanges: (_, { changes }, { db, caller, references }) => submit(db, landUseChangeSubmissions, changes, caller, references),
};
