import { upsertBatch } from '@soilgraph/db';
import { submissionResult } from '@soilgraph/server-kit';
import { surveyPointUpsert } from '../data/survey-point-writes.ts';
import type { MutationResolvers } from '../generated/resolvers.ts';
import { parseSurveyPointSubmissions } from '../inputs.ts';

/** Until callers authenticate (issue 6 of the roadmap), the audit log records them as this subject. */
export const UNAUTHENTICATED_SUBJECT = 'unauthenticated';

export const Mutation: MutationResolvers = {
  // A survey point refers to nothing of geology's own (its district is checked against the
  // GB/T 2260 codes the domain package knows), so the batch needs no database check.
  submitSurveyPoints: async (_, { points }, { db }) => {
    const rows = parseSurveyPointSubmissions(points);
    const written = await upsertBatch(db, { agency: 'geology', operation: 'submitSurveyPoints', subject: UNAUTHENTICATED_SUBJECT }, rows, surveyPointUpsert);
    return submissionResult(written);
  },
};
