import type { SoilSampleResolvers } from '../generated/resolvers.ts';

export const SoilSample: SoilSampleResolvers = {
  __resolveReference: ({ id }, { loaders }) => loaders.soilSampleById.load(id),
  point: (sample, _, { loaders }) => (sample.pointId === null ? null : loaders.monitoringPointById.load(sample.pointId)),
  parcel: (sample) => (sample.parcelId === null ? null : { id: sample.parcelId }),
  district: (sample) => ({ code: sample.districtCode }),
  pH: (sample) => sample.ph,
  pHMethod: (sample) => sample.phMethod,
  measurements: async (sample, { analyte }, { loaders }) => {
    const all = await loaders.measurementsBySampleId.load(sample.id);
    return analyte ? all.filter((m) => m.analyte === analyte) : all;
  },
};
