import type { GeochemicalMeasurementResolvers } from '../generated/resolvers.ts';

export const GeochemicalMeasurement: GeochemicalMeasurementResolvers = {
  mgPerKg: (measurement) => measurement.valueMgPerKg,
};
