import { defineSubgraph } from '@soilgraph/server-kit';
import { createContext } from './context.ts';
import { resolvers } from './resolvers/index.ts';

/** Water authority: drinking-water sources and their protection zones. */
export const waterSubgraph = defineSubgraph({
  name: 'water',
  schemaFile: new URL('../schema.graphql', import.meta.url),
  resolvers,
  createContext,
});
