import type { GeochemicalSurveyPointResolvers } from '../generated/resolvers.ts';

export const GeochemicalSurveyPoint: GeochemicalSurveyPointResolvers = {
  __resolveReference: ({ id }, { loaders }) => loaders.surveyPointById.load(id),
  district: (point) => ({ code: point.districtCode }),
  pH: (point) => point.ph,
  measurements: async (point, { analyte }, { loaders }) => {
    const rows = await loaders.measurementsByPointId.load(point.id);
    return analyte == null ? rows : rows.filter((m) => m.analyte === analyte);
  },
};
