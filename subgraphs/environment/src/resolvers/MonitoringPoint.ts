import { emptyConnection, parsePage } from '@soilgraph/server-kit';
import { soilSampleCursor } from '../data/soil-samples.ts';
import type { MonitoringPointResolvers } from '../generated/resolvers.ts';
import { parseSoilSampleFilter } from '../inputs.ts';

export const MonitoringPoint: MonitoringPointResolvers = {
  __resolveReference: ({ id }, { loaders }) => loaders.monitoringPointById.load(id),
  district: (point) => ({ code: point.districtCode }),
  parcel: (point) => (point.parcelId === null ? null : { id: point.parcelId }),
  waterSource: (point) => (point.waterSourceId === null ? null : { id: point.waterSourceId }),
  samples: (point, args, { loaders }) => {
    const filter = parseSoilSampleFilter(args.filter);
    const page = parsePage(args, soilSampleCursor);
    // Filters narrow: a filter naming another point matches nothing at this one.
    if (filter.pointId !== undefined && filter.pointId !== point.id) return emptyConnection(page);
    return loaders.soilSamplePagesByPointId.load({ parent: point.id, query: filter, page });
  },
};
