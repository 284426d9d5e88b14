import { upsertBatch } from '@soilgraph/db';
import { submissionResult } from '@soilgraph/server-kit';
import { farmlandClassDecisionUpsert } from '../data/farmland-class-decision-writes.ts';
import { fertilizerUseUpsert } from '../data/fertilizer-use-writes.ts';
import { pesticideUseUpsert } from '../data/pesticide-use-writes.ts';
import { safeUtilisationRecordUpsert } from '../data/safe-utilisation-writes.ts';
import type { MutationResolvers } from '../generated/resolvers.ts';
import {
  parseFarmlandClassDecisionSubmissions,
  parseFertilizerUseSubmissions,
  parsePesticideUseSubmissions,
  parseSafeUtilisationRecordSubmissions,
} from '../inputs.ts';

/** Until callers authenticate (issue 6 of the roadmap), the audit log records them as this subject. */
export const UNAUTHENTICATED_SUBJECT = 'unauthenticated';

const origin = (operation: string) => ({ agency: 'agriculture' as const, operation, subject: UNAUTHENTICATED_SUBJECT });

/*
 * Each mutation validates its batch whole (parse), then upserts it in one transaction; the checks
 * that need agriculture's stored records (id fields that cannot change, natural keys held by
 * another externalId, the class a safe-utilisation record needs) run inside that transaction,
 * under the write lock, and reject the batch with every bad row listed. Parcels are planning's:
 * no SQL crosses schemas, so a parcel id is not checked against planning's registry.
 */
export const Mutation: MutationResolvers = {
  submitFarmlandClassDecisions: async (_, { decisions }, { db }) => {
    const rows = parseFarmlandClassDecisionSubmissions(decisions);
    return submissionResult(await upsertBatch(db, origin('submitFarmlandClassDecisions'), rows, farmlandClassDecisionUpsert(rows)));
  },
  submitFertilizerUse: async (_, { records }, { db }) => {
    const rows = parseFertilizerUseSubmissions(records);
    return submissionResult(await upsertBatch(db, origin('submitFertilizerUse'), rows, fertilizerUseUpsert(rows)));
  },
  submitPesticideUse: async (_, { records }, { db }) => {
    const rows = parsePesticideUseSubmissions(records);
    return submissionResult(await upsertBatch(db, origin('submitPesticideUse'), rows, pesticideUseUpsert(rows)));
  },
  submitSafeUtilisationRecords: async (_, { records }, { db }) => {
    const rows = parseSafeUtilisationRecordSubmissions(records);
    return submissionResult(await upsertBatch(db, origin('submitSafeUtilisationRecords'), rows, safeUtilisationRecordUpsert(rows)));
  },
};
