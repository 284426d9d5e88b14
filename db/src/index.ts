export * from './agencies.ts';
export * from './client.ts';
export * from './pagination.ts';
export * from './databases.ts';
