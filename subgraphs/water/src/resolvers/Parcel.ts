import { badUserInput } from '@soilgraph/server-kit';
import type { ParcelResolvers } from '../generated/resolvers.ts';

export const Parcel: ParcelResolvers = {
  // Planning owns parcels: water keeps the representation (id, and geometry when @requires sent it).
  __resolveReference: (parcel) => parcel,
  protectionZones: (parcel, _, { loaders }) => {
    const { geometry } = parcel;
    if (typeof geometry !== 'object' || geometry === null || typeof geometry.type !== 'string') {
      throw badUserInput(`Parcel ${parcel.id}: protectionZones requires the parcel's GeoJSON geometry in the representation`, [
        'representations',
      ]);
    }
    return loaders.zonesByParcel.load({ id: parcel.id, geometry });
  },
};
