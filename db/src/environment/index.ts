export * from './enterprises.ts';
export * from './measurements.ts';
export * from './monitoring-points.ts';
export * from './soil-samples.ts';
