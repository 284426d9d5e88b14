import { allDistricts } from '../data/districts.ts';
import { BEIJING } from '../data/city.ts';
import { sensitiveUseChanges } from '../data/land-use-changes.ts';
import type { CityResolvers } from '../generated/resolvers.ts';

export const City: CityResolvers = {
  // One city: Beijing, GB/T 2260 110000.
  __resolveReference: ({ code }) => (code === BEIJING.code ? BEIJING : null),
  districts: async (_, __, { db, loaders }) => {
    const rows = await allDistricts(db);
    for (const row of rows) loaders.districtByCode.prime(row.code, row);
    return rows;
  },
  sensitiveUseChanges: (_, __, { db }) => sensitiveUseChanges(db),
};
