import { defineSubmissionKind } from '@soilgraph/server-kit';
import { protectionZoneConflicts, protectionZoneUpsert } from './data/protection-zone-writes.ts';
import { waterSourceIdConflicts, waterSourceUpsert } from './data/water-source-writes.ts';
import { parseProtectionZoneSubmissions, parseWaterSourceSubmissions } from './inputs.ts';

/*
 * What water accepts, each kind with its validation (inputs.ts) and its checks and write spec
 * (data/*-writes.ts). The mutations (resolvers/Mutation.ts) and the bulk import (imports.ts,
 * packages/importer) take the same path: server-kit's submit and writeBatch, which run the
 * checks under the agency's write lock. Water's rows name no other agency's entity (a zone's
 * source is water's own; districts are GB/T 2260 codes the domain package knows), so its kinds
 * declare no `references`.
 */

export const waterSourceSubmissions = defineSubmissionKind({
  agency: 'water',
  operation: 'submitWaterSources',
  argumentName: 'sources',
  parse: parseWaterSourceSubmissions,
  prepare: async (tx, rows) => ({ rejected: await waterSourceIdConflicts(tx, rows), spec: waterSourceUpsert }),
});

export const protectionZoneSubmissions = defineSubmissionKind({
  agency: 'water',
  operation: 'submitProtectionZones',
  argumentName: 'zones',
  parse: parseProtectionZoneSubmissions,
  prepare: async (tx, rows) => ({ rejected: await protectionZoneConflicts(tx, rows), spec: protectionZoneUpsert }),
});
