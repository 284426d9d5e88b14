import { asRef } from '@soilgraph/server-kit';
import type { SoilSampleModel } from '../data/soil-samples.ts';
import type { SoilSampleResolvers } from '../generated/resolvers.ts';
import { assessStoredSample, sampleContext } from '../risk/index.ts';

export const SoilSample: SoilSampleResolvers = {
  // Keeps what the gateway sent through @requires (the parcel's land use, the district's background) beside the row.
  __resolveReference: async (ref, { loaders }) => {
    const row = await loaders.soilSampleById.load(ref.id);
    if (row === null) return null;
    const sent = asRef<SoilSampleModel>(ref);
    return { ...row, ...('parcel' in sent ? { parcel: sent.parcel } : {}), ...('district' in sent ? { district: sent.district } : {}) };
  },
  point: (sample, _, { loaders }) => (sample.pointId === null ? null : loaders.monitoringPointById.load(sample.pointId)),
  parcel: (sample) => (sample.parcelId === null ? null : { id: sample.parcelId }),
  district: (sample) => ({ code: sample.districtCode }),
  pH: (sample) => sample.ph,
  pHMethod: (sample) => sample.phMethod,
  measurements: async (sample, { analyte }, { loaders }) => {
    const all = await loaders.measurementsBySampleId.load(sample.id);
    return analyte ? all.filter((m) => m.analyte === analyte) : all;
  },
  assessment: async (sample, _, { loaders }) => {
    const context = sampleContext(asRef<SoilSampleModel>(sample), `SoilSample ${sample.id}: assessment`);
    return assessStoredSample(sample, await loaders.measurementsBySampleId.load(sample.id), context);
  },
};
