import { defineSubmissionKind } from '@soilgraph/server-kit';
import { prepareFarmlandClassDecisions } from './data/farmland-class-decision-writes.ts';
import { prepareFertilizerUse } from './data/fertilizer-use-writes.ts';
import { preparePesticideUse } from './data/pesticide-use-writes.ts';
import { prepareSafeUtilisationRecords } from './data/safe-utilisation-writes.ts';
import {
  parseFarmlandClassDecisionSubmissions,
  parseFertilizerUseSubmissions,
  parsePesticideUseSubmissions,
  parseSafeUtilisationRecordSubmissions,
} from './inputs.ts';

/*
 * What agriculture accepts, each kind with its validation (inputs.ts), its checks and write
 * spec (data/*-writes.ts) and the fields that name other agencies' entities (`references`). The
 * mutations (resolvers/Mutation.ts) and the bulk import (imports.ts, packages/importer) take the
 * same path: server-kit's submit and writeBatch, so the checks that need agriculture's stored
 * records (id fields that cannot change, natural keys held by another externalId, the class a
 * safe-utilisation record needs) run under the write lock. Parcels are planning's: no SQL crosses
 * schemas, so planning's subgraph is asked whether a parcel exists (server-kit references.ts).
 */

export const farmlandClassDecisionSubmissions = defineSubmissionKind({
  agency: 'agriculture',
  operation: 'submitFarmlandClassDecisions',
  argumentName: 'decisions',
  parse: parseFarmlandClassDecisionSubmissions,
  prepare: prepareFarmlandClassDecisions,
  references: { parcelId: 'Parcel' },
});

export const fertilizerUseSubmissions = defineSubmissionKind({
  agency: 'agriculture',
  operation: 'submitFertilizerUse',
  argumentName: 'records',
  parse: parseFertilizerUseSubmissions,
  prepare: prepareFertilizerUse,
});

export const pesticideUseSubmissions = defineSubmissionKind({
  agency: 'agriculture',
  operation: 'submitPesticideUse',
  argumentName: 'records',
  parse: parsePesticideUseSubmissions,
  prepare: preparePesticideUse,
});

export const safeUtilisationRecordSubmissions = defineSubmissionKind({
  agency: 'agriculture',
  operation: 'submitSafeUtilisationRecords',
  argumentName: 'records',
  parse: parseSafeUtilisationRecordSubmissions,
  prepare: prepareSafeUtilisationRecords,
  references: { parcelId: 'Parcel' },
});
