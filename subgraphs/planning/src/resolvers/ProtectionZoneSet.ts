import { asRef, required } from '@soilgraph/server-kit';
import type { ParcelRow } from '../data/parcels.ts';
import type { ProtectionZoneSetRef } from '../data/references.ts';
import type { ProtectionZoneSetResolvers } from '../generated/resolvers.ts';
import { parcelsInZone, withGeometry } from '../loaders/parcels-by-zone.ts';

export const ProtectionZoneSet: ProtectionZoneSetResolvers = {
  // Water owns the set: planning keeps the representation (the district's code, and the zones when @requires sent them).
  __resolveReference: (set) => set,
  parcels: async (set, _, context) => {
    const where = `ProtectionZoneSet ${set.districtCode}: parcels`;
    const zones = required(asRef<ProtectionZoneSetRef>(set), 'zones', where).map((zone) => withGeometry(zone, 'ProtectionZoneSet.parcels'));
    // The zones overlap (a level-2 zone holds its level-1 zone; neighbouring sources share land): each parcel once.
    const parcels = new Map<string, ParcelRow>();
    for (const inZone of await Promise.all(zones.map((zone) => parcelsInZone(context, zone)))) for (const parcel of inZone) parcels.set(parcel.id, parcel);
    return [...parcels.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  },
};
