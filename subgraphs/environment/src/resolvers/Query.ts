import { AUDIT_LOGS } from '@soilgraph/db';
import { findAuditEntries, parsePage } from '@soilgraph/server-kit';
import { enterpriseCursor, findEnterprises } from '../data/enterprises.ts';
import { findMonitoringPoints, monitoringPointCursor } from '../data/monitoring-points.ts';
import { contaminatedSiteCursor, findContaminatedSites } from '../data/sites.ts';
import { findSoilSamples } from '../data/soil-samples.ts';
import type { QueryResolvers } from '../generated/resolvers.ts';
import { assessSample } from '../assessment/index.ts';
import { parseContaminatedSiteFilter, parseEnterpriseFilter, parseMonitoringPointFilter, parseSoilSampleInput, parseSoilSampleList } from '../inputs.ts';

export const Query: QueryResolvers = {
  monitoringPoint: (_, { id }, { loaders }) => loaders.monitoringPointById.load(id),
  monitoringPoints: (_, args, { db }) =>
    findMonitoringPoints(db, parseMonitoringPointFilter(args.filter), parsePage(args, monitoringPointCursor)),
  soilSample: (_, { id }, { loaders }) => loaders.soilSampleById.load(id),
  soilSamples: (_, args, { db }) => {
    const { query, page } = parseSoilSampleList(args);
    return findSoilSamples(db, query, page);
  },
  enterprise: (_, { creditCode }, { loaders }) => loaders.enterpriseByCreditCode.load(creditCode),
  enterprises: (_, args, { db }) => findEnterprises(db, parseEnterpriseFilter(args.filter), parsePage(args, enterpriseCursor)),
  assessSoil: (_, { sample }) => assessSample(parseSoilSampleInput(sample)),
  contaminatedSite: (_, { id }, { loaders }) => loaders.contaminatedSiteById.load(id),
  contaminatedSites: (_, args, { db }) =>
    findContaminatedSites(db, parseContaminatedSiteFilter(args.filter), parsePage(args, contaminatedSiteCursor)),
  environmentAuditLog: (_, args, { db }) => findAuditEntries(db, AUDIT_LOGS.environment, args),
};
