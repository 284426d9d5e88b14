import { defineSubmissionKind } from '@soilgraph/server-kit';
import { surveyPointUpsert } from './data/survey-point-writes.ts';
import { parseSurveyPointSubmissions } from './inputs.ts';

/*
 * What geology accepts, with its validation (inputs.ts) and its write spec (data/*-writes.ts).
 * The mutation (resolvers/Mutation.ts) and the bulk import (imports.ts, packages/importer)
 * take the same path: server-kit's submit and writeBatch. Geology's rows name no other agency's
 * entity, so its kind declares no `references`.
 */

export const surveyPointSubmissions = defineSubmissionKind({
  agency: 'geology',
  operation: 'submitSurveyPoints',
  argumentName: 'points',
  parse: parseSurveyPointSubmissions,
  // A survey point refers to nothing of geology's own (its district is checked against the
  // GB/T 2260 codes the domain package knows), so the batch needs no database check.
  prepare: async () => ({ rejected: [], spec: surveyPointUpsert }),
});
