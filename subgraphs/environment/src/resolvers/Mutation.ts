import { submit } from '@soilgraph/server-kit';
import type { MutationResolvers } from '../generated/resolvers.ts';
import {
  enterpriseSubmissions,
  monitoringPointSubmissions,
  selfMonitoringReportSubmissions,
  siteStatusChangeSubmissions,
  soilSampleSubmissions,
} from '../submissions.ts';

export const Mutation: MutationResolvers = {
  submitSoilSamples: (_, { samples }, { db, caller, references }) => submit(db, soilSampleSubmissions, samples, caller, references),
  submitMonitoringPoints: (_, { points }, { db, caller, references }) => submit(db, monitoringPointSubmissions, points, caller, references),
  submitEnterprises: (_, { enterprises }, { db, caller, references }) => submit(db, enterpriseSubmissions, enterprises, caller, references),
  submitSelfMonitoringReports: (_, { reports }, { db, caller, references }) => submit(db, selfMonitoringReportSubmissions, reports, caller, references),
  submitSiteStatusChanges: (_, { changes }, { db, caller, references }) => submit(db, siteStatusChangeSubmissions, changes, caller, references),
};
