import { defineSubgraph } from '@soilgraph/server-kit';
import { createContext } from './context.ts';
import { resolvers } from './resolvers/index.ts';

/** Environmental protection: monitoring points, soil samples with measurements, key supervised enterprises. */
export const environmentSubgraph = defineSubgraph({
  name: 'environment',
  schemaFile: new URL('../schema.graphql', import.meta.url),
  resolvers,
  createContext,
});
