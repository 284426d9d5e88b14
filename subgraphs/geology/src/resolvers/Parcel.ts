import { badUserInput } from '@soilgraph/server-kit';
import { areaOf } from '../data/area-geology.ts';
import type { ParcelResolvers } from '../generated/resolvers.ts';

export const Parcel: ParcelResolvers = {
  // Planning owns parcels: geology keeps the representation (id, and geometry when @requires sent it).
  __resolveReference: (parcel) => parcel,
  geology: (parcel, _, { loaders }) => {
    const { geometry } = parcel;
    if (typeof geometry !== 'object' || geometry === null || typeof geometry.type !== 'string') {
      throw badUserInput(`Parcel ${parcel.id}: geology requires the parcel's GeoJSON geometry in the representation`, ['representations']);
    }
    return loaders.geologyByArea.load(areaOf('Parcel', parcel.id, geometry));
  },
};
