import { type Database, upsertBatch } from '@soilgraph/db';
import { batchRejected, submissionResult } from '@soilgraph/server-kit';
import { checkAndUpsert, type PreparedBatch } from '../data/checked-writes.ts';
import { prepareEnterprises } from '../data/enterprise-writes.ts';
import { prepareMonitoringPoints } from '../data/monitoring-point-writes.ts';
import { prepareSelfMonitoringReports } from '../data/self-monitoring-report-writes.ts';
import { prepareSiteStatusChanges } from '../data/site-status-change-writes.ts';
import { soilSampleReferenceProblems, soilSampleUpsert } from '../data/soil-sample-writes.ts';
import type { MutationResolvers } from '../generated/resolvers.ts';
import {
  parseEnterpriseSubmissions,
  parseMonitoringPointSubmissions,
  parseSelfMonitoringReportSubmissions,
  parseSiteStatusChangeSubmissions,
  parseSoilSampleSubmissions,
} from '../inputs.ts';

/** Until callers authenticate (issue 6 of the roadmap), the audit log records them as this subject. */
export const UNAUTHENTICATED_SUBJECT = 'unauthenticated';

/** Parses a batch whole, then checks and writes it under environment's write lock (data/checked-writes.ts). */
async function submit<Row extends { externalId: string }, Entity extends { id: string }>(
  db: Database,
  operation: string,
  argumentName: string,
  values: readonly unknown[],
  parse: (values: readonly unknown[]) => Row[],
  prepare: (tx: Database, rows: readonly Row[]) => Promise<PreparedBatch<Row, Entity>>,
) {
  const rows = parse(values);
  const written = await checkAndUpsert(db, { agency: 'environment', operation, subject: UNAUTHENTICATED_SUBJECT }, argumentName, rows, prepare);
  return submissionResult(written);
}

export const Mutation: MutationResolvers = {
  submitSoilSamples: async (_, { samples }, { db }) => {
    const rows = parseSoilSampleSubmissions(samples);
    const rejected = await soilSampleReferenceProblems(db, rows);
    if (rejected.length > 0) throw batchRejected(rejected, rows.length, 'samples');
    const written = await upsertBatch(db, { agency: 'environment', operation: 'submitSoilSamples', subject: UNAUTHENTICATED_SUBJECT }, rows, soilSampleUpsert);
    return submissionResult(written);
  },
  submitMonitoringPoints: (_, { points }, { db }) => submit(db, 'submitMonitoringPoints', 'points', points, parseMonitoringPointSubmissions, prepareMonitoringPoints),
  submitEnterprises: (_, { enterprises }, { db }) => submit(db, 'submitEnterprises', 'enterprises', enterprises, parseEnterpriseSubmissions, prepareEnterprises),
  submitSelfMonitoringReports: (_, { reports }, { db }) =>
    submit(db, 'submitSelfMonitoringReports', 'reports', reports, parseSelfMonitoringReportSubmissions, prepareSelfMonitoringReports),
  submitSiteStatusChanges: (_, { changes }, { db }) => submit(db, 'submitSiteStatusChanges', 'changes', changes, parseSiteStatusChangeSubmissions, prepareSiteStatusChanges),
};
