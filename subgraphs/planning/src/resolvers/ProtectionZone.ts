import { landUseShares } from '../data/parcels.ts';
import type { ProtectionZoneResolvers } from '../generated/resolvers.ts';
import { parcelsInZone, withGeometry } from '../loaders/parcels-by-zone.ts';

export const ProtectionZone: ProtectionZoneResolvers = {
  // Water owns protection zones: planning keeps the representation (id, and geometry when @requires sent it).
  __resolveReference: (zone) => zone,
  parcels: (zone, _, context) => parcelsInZone(context, withGeometry(zone, 'parcels')),
  districts: async (zone, _, context) => {
    const codes = [...new Set((await parcelsInZone(context, withGeometry(zone, 'districts'))).map((p) => p.districtCode))].sort();
    return Promise.all(
      codes.map(async (code) => {
        const district = await context.loaders.districtByCode.load(code);
        if (!district) throw new Error(`a parcel in zone ${zone.id} names district ${code}, which is missing`);
        return district;
      }),
    );
  },
  landUse: async (zone, _, context) => landUseShares(await parcelsInZone(context, withGeometry(zone, 'landUse'))),
};
