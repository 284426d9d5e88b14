export * from './database.ts';
export * from './subgraph.ts';
export * from './auth.ts';
export * from './ports.ts';
