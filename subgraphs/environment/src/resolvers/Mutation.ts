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
  submitSoilSamples: (_, { samples }, { db }) => submit(db, soilSampleSubmissions, samples),
  submitMonitoringPoints: (_, { points }, { db }) => submit(db, monitoringPointSubmissions, points),
  submitEnterprises: (_, { enterprises }, { db }) => submit(db, enterpriseSubmissions, enterprises),
  submitSelfMonitoringReports: (_, { reports }, { db }) => submit(db, selfMonitoringReportSubmissions, reports),
  submitSiteStatusChanges: (_, { changes }, { db }) => submit(db, siteStatusChangeSubmissions, changes),
};
