export * from './protection-zones.ts';
export * from './water-sources.ts';
