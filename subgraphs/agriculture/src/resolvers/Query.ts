import { AUDIT_LOGS } from '@soilgraph/db';
import { findAuditEntries, parsePage } from '@soilgraph/server-kit';
import { coverageCursor, findCoverage } from '../data/coverage.ts';
import { cropYearCursor } from '../data/crop-year.ts';
import { decisionCursor, findDecisions } from '../data/farmland-class-decisions.ts';
import { findFertilizerUse } from '../data/fertilizer-use.ts';
import { findPesticideUse } from '../data/pesticide-use.ts';
import type { QueryResolvers } from '../generated/resolvers.ts';
import { parseCoverageFilter, parseCropYearFilter, parseDecisionFilter } from '../inputs.ts';

export const Query: QueryResolvers = {
  fertilizerUseRecord: (_, { id }, { loaders }) => loaders.fertilizerUseById.load(id),
  fertilizerUse: (_, args, { db }) => findFertilizerUse(db, parseCropYearFilter(args.filter), parsePage(args, cropYearCursor)),
  pesticideUseRecord: (_, { id }, { loaders }) => loaders.pesticideUseById.load(id),
  pesticideUse: (_, args, { db }) => findPesticideUse(db, parseCropYearFilter(args.filter), parsePage(args, cropYearCursor)),
  agriculturalCoverage: (_, args, { db }) => findCoverage(db, parseCoverageFilter(args.filter), parsePage(args, coverageCursor)),
  farmlandClassDecision: (_, { id }, { loaders }) => loaders.decisionById.load(id),
  farmlandClassDecisions: (_, args, { db }) => findDecisions(db, parseDecisionFilter(args.filter), parsePage(args, decisionCursor)),
  agricultureAuditLog: (_, args, { db }) => findAuditEntries(db, AUDIT_LOGS.agriculture, args),
};
