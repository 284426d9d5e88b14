import { landUseName, plannedUseByCode } from '@soilgraph/domain';
import type { ParcelResolvers } from '../generated/resolvers.ts';

export const Parcel: ParcelResolvers = {
  __resolveReference: ({ id }, { loaders }) => loaders.parcelById.load(id),
  district: async (parcel, _, { loaders }) => {
    const district = await loaders.districtByCode.load(parcel.districtCode);
    if (!district) throw new Error(`parcel ${parcel.id} names district ${parcel.districtCode}, which is missing`);
    return district;
  },
  landUseName: (parcel) => landUseName(parcel.landUse) ?? parcel.landUse,
  plannedUseName: (parcel) => (parcel.plannedUse ? (plannedUseByCode(parcel.plannedUse)?.name ?? null) : null),
  landUseChanges: (parcel, _, { loaders }) => loaders.landUseChangesByParcelId.load(parcel.id),
  bbox: (parcel) => ({ minLon: parcel.minLon, minLat: parcel.minLat, maxLon: parcel.maxLon, maxLat: parcel.maxLat }),
};
