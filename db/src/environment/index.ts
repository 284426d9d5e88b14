export * from './contaminated-sites.ts';
export * from './enterprises.ts';
export * from './measurements.ts';
export * from './monitoring-points.ts';
export * from './site-status-changes.ts';
export * from './soil-samples.ts';
export * from './soil-surveys.ts';
export * from './audit-log.ts';
