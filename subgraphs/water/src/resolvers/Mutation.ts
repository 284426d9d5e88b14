import { upsertBatch } from '@soilgraph/db';
import { batchRejected, submissionResult } from '@soilgraph/server-kit';
import { protectionZoneConflicts, protectionZoneUpsert } from '../data/protection-zone-writes.ts';
import { waterSourceIdConflicts, waterSourceUpsert } from '../data/water-source-writes.ts';
import type { MutationResolvers } from '../generated/resolvers.ts';
import { parseProtectionZoneSubmissions, parseWaterSourceSubmissions } from '../inputs.ts';

/** Until callers authenticate (issue 6 of the roadmap), the audit log records them as this subject. */
export const UNAUTHENTICATED_SUBJECT = 'unauthenticated';

export const Mutation: MutationResolvers = {
  submitWaterSources: async (_, { sources }, { db }) => {
    const rows = parseWaterSourceSubmissions(sources);
    const rejected = await waterSourceIdConflicts(db, rows);
    if (rejected.length > 0) throw batchRejected(rejected, rows.length, 'sources');
    const written = await upsertBatch(db, { agency: 'water', operation: 'submitWaterSources', subject: UNAUTHENTICATED_SUBJECT }, rows, waterSourceUpsert);
    return submissionResult(written);
  },
  submitProtectionZones: async (_, { zones }, { db }) => {
    const rows = parseProtectionZoneSubmissions(zones);
    const rejected = await protectionZoneConflicts(db, rows);
    if (rejected.length > 0) throw batchRejected(rejected, rows.length, 'zones');
    const written = await upsertBatch(db, { agency: 'water', operation: 'submitProtectionZones', subject: UNAUTHENTICATED_SUBJECT }, rows, protectionZoneUpsert);
    return submissionResult(written);
  },
};
