import { defineSubmissionKind } from '@soilgraph/server-kit';
import { prepareLandUseChanges } from './data/land-use-change-writes.ts';
import { prepareParcels } from './data/parcel-writes.ts';
import { parseLandUseChangeSubmissions, parseParcelSubmissions } from './inputs.ts';

/*
 * What planning accepts, each kind with its validation (inputs.ts) and its checks and write
 * spec (data/*-writes.ts). The mutations (resolvers/Mutation.ts) and the bulk import
 * (imports.ts, packages/importer) take the same path: server-kit's submit and writeBatch, which
 * run the checks (a parcel id held by another parcel, a case's parcel) under planning's write lock.
 * Planning's rows name no other agency's entity (districts are GB/T 2260 codes the domain package
 * knows), so its kinds declare no `references`.
 */

export const parcelSubmissions = defineSubmissionKind({
  agency: 'planning',
  operation: 'submitParcels',
  argumentName: 'parcels',
  parse: parseParcelSubmissions,
  prepare: (tx, rows) => prepareParcels(tx, rows),
});

export const landUseChangeSubmissions = defineSubmissionKind({
  agency: 'planning',
  operation: 'submitLandUseChanges',
  argumentName: 'changes',
  parse: parseLandUseChangeSubmissions,
  prepare: (tx, rows) => prepareLandUseChanges(tx, rows),
});
