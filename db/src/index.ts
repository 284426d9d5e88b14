export * from './agencies.ts';
export * from './client.ts';
export * from './pagination.ts';
export * from './databases.ts';
export * from './roles.ts';
export * from './audit.ts';
export * from './audit-logs.ts';
export * from './writes.ts';
