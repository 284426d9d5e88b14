import type { SoilSurveyResolvers } from '../generated/resolvers.ts';

export const SoilSurvey: SoilSurveyResolvers = {
  parcel: (survey) => ({ id: survey.parcelId }),
};
