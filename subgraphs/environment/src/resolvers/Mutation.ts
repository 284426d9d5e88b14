import { upsertBatch } from '@soilgraph/db';
import { batchRejected, submissionResult } from '@soilgraph/server-kit';
import { soilSampleReferenceProblems, soilSampleUpsert } from '../data/soil-sample-writes.ts';
import type { MutationResolvers } from '../generated/resolvers.ts';
import { parseSoilSampleSubmissions } from '../inputs.ts';

/** Until callers authenticate (issue 6 of the roadmap), the audit log records them as this subject. */
export const UNAUTHENTICATED_SUBJECT = 'unauthenticated';

export const Mutation: MutationResolvers = {
  submitSoilSamples: async (_, { samples }, { db }) => {
    const rows = parseSoilSampleSubmissions(samples);
    const rejected = await soilSampleReferenceProblems(db, rows);
    if (rejected.length > 0) throw batchRejected(rejected, rows.length, 'samples');
    const written = await upsertBatch(db, { agency: 'environment', operation: 'submitSoilSamples', subject: UNAUTHENTICATED_SUBJECT }, rows, soilSampleUpsert);
    return submissionResult(written);
  },
};
