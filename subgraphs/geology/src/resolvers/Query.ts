import { AUDIT_LOGS } from '@soilgraph/db';
import { findAuditEntries, parsePage } from '@soilgraph/server-kit';
import { findBackgroundValues } from '../data/background-values.ts';
import { findSurveyPoints, surveyPointCursor } from '../data/survey-points.ts';
import type { QueryResolvers } from '../generated/resolvers.ts';
import { parseBackgroundValueFilter, parseSurveyPointFilter } from '../inputs.ts';

export const Query: QueryResolvers = {
  surveyPoint: (_, { id }, { loaders }) => loaders.surveyPointById.load(id),
  surveyPoints: (_, args, { db }) => findSurveyPoints(db, parseSurveyPointFilter(args.filter), parsePage(args, surveyPointCursor)),
  backgroundValues: (_, { filter }, { db }) => findBackgroundValues(db, parseBackgroundValueFilter(filter)),
  geologyAuditLog: (_, args, { db }) => findAuditEntries(db, AUDIT_LOGS.geology, args),
};
