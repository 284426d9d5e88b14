import { upsertBatch } from '@soilgraph/db';
import { submissionResult } from '@soilgraph/server-kit';
import { landUseChangeUpsert } from '../data/land-use-change-writes.ts';
import { parcelUpsert } from '../data/parcel-writes.ts';
import type { MutationResolvers } from '../generated/resolvers.ts';
import { parseLandUseChangeSubmissions, parseParcelSubmissions } from '../inputs.ts';

/** Until callers authenticate (issue 6 of the roadmap), the audit log records them as this subject. */
export const UNAUTHENTICATED_SUBJECT = 'unauthenticated';

/*
 * The checks that need the database (a parcel id held by another parcel, a case's parcel) run
 * inside upsertBatch's transaction, in the specs' existing(), under planning's write lock: a
 * bad row rejects the batch there, listing every bad row, and nothing is written.
 */
export const Mutation: MutationResolvers = {
  submitParcels: async (_, { parcels }, { db }) => {
    const rows = parseParcelSubmissions(parcels);
    const written = await upsertBatch(db, { agency: 'planning', operation: 'submitParcels', subject: UNAUTHENTICATED_SUBJECT }, rows, parcelUpsert(rows));
    return submissionResult(written);
  },
  submitLandUseChanges: async (_, { changes }, { db }) => {
    const rows = parseLandUseChangeSubmissions(changes);
    const written = await upsertBatch(db, { agency: 'planning', operation: 'submitLandUseChanges', subject: UNAUTHENTICATED_SUBJECT }, rows, landUseChangeUpsert(rows));
    return submissionResult(written);
  },
};
