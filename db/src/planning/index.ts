export * from './districts.ts';
export * from './parcels.ts';
export * from './land-use-changes.ts';
export * from './audit-log.ts';
export * from './data-version.ts';
