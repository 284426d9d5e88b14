export * from './protection-zones.ts';
export * from './water-sources.ts';
export * from './audit-log.ts';
export * from './data-version.ts';
