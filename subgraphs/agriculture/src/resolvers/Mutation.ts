import { submit } from '@soilgraph/server-kit';
import type { MutationResolvers } from '../generated/resolvers.ts';
import { farmlandClassDecisionSubmissions, fertilizerUseSubmissions, pesticideUseSubmissions, safeUtilisationRecordSubmissions } from '../submissions.ts';

export const Mutation: MutationResolvers = {
  submitFarmlandClassDecisions: (_, { decisions }, { db }) => submit(db, farmlandClassDecisionSubmissions, decisions),
  submitFertilizerUse: (_, { records }, { db }) => submit(db, fertilizerUseSubmissions, records),
  submitPesticideUse: (_, { records }, { db }) => submit(db, pesticideUseSubmissions, records),
  submitSafeUtilisationRecords: (_, { records }, { db }) => submit(db, safeUtilisationRecordSubmissions, records),
};
