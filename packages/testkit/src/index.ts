export * from './database.ts';
export * from './subgraph.ts';
