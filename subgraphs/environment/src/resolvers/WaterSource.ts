import { asRef, parseDateRange } from '@soilgraph/server-kit';
import type { WaterSourceResolvers } from '../generated/resolvers.ts';
import type { WaterSourceRef } from '../data/references.ts';
import { sourceEarlyWarning } from '../risk/index.ts';

export const WaterSource: WaterSourceResolvers = {
  // Water owns water sources: environment answers for any id, keeping the zones and district the gateway sent.
  __resolveReference: (source) => source,
  monitoringPoints: (source, _, { loaders }) => loaders.monitoringPointsByWaterSourceId.load(source.id),
  soilEarlyWarning: (source, { analyte, standard, sampled }, context) => {
    const { from, to } = sampled ? parseDateRange(sampled, ['sampled']) : {};
    const options = { analyte: analyte ?? undefined, standard: standard ?? undefined, sampledFrom: from, sampledTo: to };
    return sourceEarlyWarning(context, asRef<WaterSourceRef>(source), options, `WaterSource ${source.id}: soilEarlyWarning`);
  },
};
