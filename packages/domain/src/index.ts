export * from './districts.ts';
export * from './landuse.ts';
export * from './planned-use.ts';
export * from './analytes.ts';
