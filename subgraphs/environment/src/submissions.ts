import { defineSubmissionKind } from '@soilgraph/server-kit';
import { prepareEnterprises } from './data/enterprise-writes.ts';
import { prepareMonitoringPoints } from './data/monitoring-point-writes.ts';
import { prepareSelfMonitoringReports } from './data/self-monitoring-report-writes.ts';
import { prepareSiteStatusChanges } from './data/site-status-change-writes.ts';
import { soilSampleReferenceProblems, soilSampleUpsert } from './data/soil-sample-writes.ts';
import {
  parseEnterpriseSubmissions,
  parseMonitoringPointSubmissions,
  parseSelfMonitoringReportSubmissions,
  parseSiteStatusChangeSubmissions,
  parseSoilSampleSubmissions,
} from './inputs.ts';

/*
 * What environment accepts, each kind with its validation (inputs.ts), its checks and write
 * spec (data/*-writes.ts) and the fields that name other agencies' entities (`references`: the
 * owners, planning and water, are asked whether they exist). The mutations (resolvers/Mutation.ts)
 * and the bulk import (imports.ts, packages/importer) take the same path: server-kit's submit
 * and writeBatch.
 */

export const soilSampleSubmissions = defineSubmissionKind({
  agency: 'environment',
  operation: 'submitSoilSamples',
  argumentName: 'samples',
  parse: parseSoilSampleSubmissions,
  prepare: async (tx, rows) => ({ rejected: await soilSampleReferenceProblems(tx, rows), spec: soilSampleUpsert }),
  references: { parcelId: 'Parcel' },
});

export const monitoringPointSubmissions = defineSubmissionKind({
  agency: 'environment',
  operation: 'submitMonitoringPoints',
  argumentName: 'points',
  parse: parseMonitoringPointSubmissions,
  prepare: prepareMonitoringPoints,
  references: { parcelId: 'Parcel', waterSourceId: 'WaterSource' },
});

export const enterpriseSubmissions = defineSubmissionKind({
  agency: 'environment',
  operation: 'submitEnterprises',
  argumentName: 'enterprises',
  parse: parseEnterpriseSubmissions,
  prepare: prepareEnterprises,
  references: { parcelId: 'Parcel' },
});

export const selfMonitoringReportSubmissions = defineSubmissionKind({
  agency: 'environment',
  operation: 'submitSelfMonitoringReports',
  argumentName: 'reports',
  parse: parseSelfMonitoringReportSubmissions,
  prepare: prepareSelfMonitoringReports,
});

export const siteStatusChangeSubmissions = defineSubmissionKind({
  agency: 'environment',
  operation: 'submitSiteStatusChanges',
  argumentName: 'changes',
  parse: parseSiteStatusChangeSubmissions,
  prepare: prepareSiteStatusChanges,
});
