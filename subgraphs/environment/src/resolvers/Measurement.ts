import type { MeasurementResolvers } from '../generated/resolvers.ts';

export const Measurement: MeasurementResolvers = {
  mgPerKg: (measurement) => measurement.valueMgPerKg,
};
