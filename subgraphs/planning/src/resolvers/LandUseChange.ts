import { plannedUseByCode, requiresSoilSurvey } from '@soilgraph/domain';
import type { LandUseChangeResolvers } from '../generated/resolvers.ts';

export const LandUseChange: LandUseChangeResolvers = {
  __resolveReference: ({ id }, { loaders }) => loaders.landUseChangeById.load(id),
  parcel: async (change, _, { loaders }) => {
    const parcel = await loaders.parcelById.load(change.parcelId);
    if (!parcel) throw new Error(`land-use change ${change.id} names parcel ${change.parcelId}, which is missing`);
    return parcel;
  },
  district: async (change, _, { loaders }) => {
    const district = await loaders.districtByCode.load(change.districtCode);
    if (!district) throw new Error(`land-use change ${change.id} names district ${change.districtCode}, which is missing`);
    return district;
  },
  toPlannedUseName: (change) => plannedUseByCode(change.toPlannedUse)?.name ?? change.toPlannedUse,
  requiresSoilSurvey: (change) => requiresSoilSurvey(change.toPlannedUse),
};
