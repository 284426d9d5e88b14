import { emptyConnection } from '@soilgraph/server-kit';
import type { MonitoringPointResolvers } from '../generated/resolvers.ts';
import { parseSoilSampleList } from '../inputs.ts';

export const MonitoringPoint: MonitoringPointResolvers = {
  __resolveReference: ({ id }, { loaders }) => loaders.monitoringPointById.load(id),
  district: (point) => ({ code: point.districtCode }),
  parcel: (point) => (point.parcelId === null ? null : { id: point.parcelId }),
  waterSource: (point) => (point.waterSourceId === null ? null : { id: point.waterSourceId }),
  samples: (point, args, { loaders }) => {
    const { query, page } = parseSoilSampleList(args);
    // Filters narrow: a filter naming another point matches nothing at this one.
    if (query.pointId !== undefined && query.pointId !== point.id) return emptyConnection(page);
    return loaders.soilSamplePagesByPointId.load({ parent: point.id, query, page });
  },
};
