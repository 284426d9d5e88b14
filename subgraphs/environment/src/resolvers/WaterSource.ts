import { asRef, parseDateRange } from '@soilgraph/server-kit';
import type { WaterSourceResolvers } from '../generated/resolvers.ts';
import type { WaterSourceRef } from '../data/references.ts';
import { waterSourceWarnings } from '../risk/index.ts';

export const WaterSource: WaterSourceResolvers = {
  // Water owns water sources: environment answers for any id, keeping the zones and district the gateway sent.
  __resolveReference: (source) => source,
  monitoringPoints: (source, _, { loaders }) => loaders.monitoringPointsByWaterSourceId.load(source.id),
  soilEarlyWarning: async (source, { analyte, standard, sampled }, context) => {
    const where = `WaterSource ${source.id}: soilEarlyWarning`;
    const ref = asRef<WaterSourceRef>(source);
    const { from, to } = sampled ? parseDateRange(sampled, ['sampled']) : {};
    const [warning] = await waterSourceWarnings(context, [ref], { analyte: analyte ?? undefined, standard: standard ?? undefined, sampledFrom: from, sampledTo: to }, where);
    return warning!;
  },
};
