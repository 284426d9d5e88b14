import { defineSubgraph } from '@soilgraph/server-kit';
import { createContext } from './context.ts';
import { resolvers } from './resolvers/index.ts';

/** Planning and land resources: districts, parcels and the register of planned-use changes. */
export const planningSubgraph = defineSubgraph({
  name: 'planning',
  schemaFile: new URL('../schema.graphql', import.meta.url),
  resolvers,
  createContext,
});
