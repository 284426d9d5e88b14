import { submit } from '@soilgraph/server-kit';
import type { MutationResolvers } from '../generated/resolvers.ts';
import { surveyPointSubmissions } from '../submissions.ts';

export const Mutation: MutationResolvers = {
  submitSurveyPoints: (_, { points }, { db, caller, references }) => submit(db, surveyPointSubmissions, points, caller, references),
};
