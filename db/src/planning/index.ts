export * from './districts.ts';
export * from './parcels.ts';
export * from './land-use-changes.ts';
