import type { BackgroundValueResolvers } from '../generated/resolvers.ts';

export const BackgroundValue: BackgroundValueResolvers = {
  district: (value) => ({ code: value.districtCode }),
};
