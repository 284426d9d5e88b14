export * from './districts.ts';
export * from './parcels.ts';
