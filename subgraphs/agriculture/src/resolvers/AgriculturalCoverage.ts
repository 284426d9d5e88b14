import type { AgriculturalCoverageResolvers } from '../generated/resolvers.ts';

export const AgriculturalCoverage: AgriculturalCoverageResolvers = {
  district: (row) => ({ code: row.districtCode }),
};
