export * from './enums.ts';
export * from './fertilizer-use.ts';
export * from './pesticide-use.ts';
export * from './district-coverage.ts';
export * from './farmland-class-decisions.ts';
export * from './safe-utilisation-records.ts';
export * from './audit-log.ts';
export * from './data-version.ts';
