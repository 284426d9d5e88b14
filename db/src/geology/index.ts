export * from './background-values.ts';
export * from './codes.ts';
export * from './survey-measurements.ts';
export * from './survey-points.ts';
export * from './audit-log.ts';
export * from './data-version.ts';
