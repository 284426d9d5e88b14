import { submit } from '@soilgraph/server-kit';
import type { MutationResolvers } from '../generated/resolvers.ts';
import { farmlandClassDecisionSubmissions, fertilizerUseSubmissions, pesticideUseSubmissions, safeUtilisationRecordSubmissions } from '../submissions.ts';

export const Mutation: MutationResolvers = {
  submitFarmlandClassDecisions: (_, { decisions }, { db, caller, references }) => submit(db, farmlandClassDecisionSubmissions, decisions, caller, references),
  submitFertilizerUse: (_, { records }, { db, caller, references }) => submit(db, fertilizerUseSubmissions, records, caller, references),
  submitPesticideUse: (_, { records }, { db, caller, references }) => submit(db, pesticideUseSubmissions, records, caller, references),
  submitSafeUtilisationRecords: (_, { records }, { db, caller, references }) => submit(db, safeUtilisationRecordSubmissions, records, caller, references),
};
