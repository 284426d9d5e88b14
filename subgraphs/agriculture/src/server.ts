import { defineSubgraph } from '@soilgraph/server-kit';
import { createContext } from './context.ts';
import { resolvers } from './resolvers/index.ts';

/** Agriculture: fertiliser and pesticide use, coverage, farmland class decisions. */
export const agricultureSubgraph = defineSubgraph({
  name: 'agriculture',
  schemaFile: new URL('../schema.graphql', import.meta.url),
  resolvers,
  createContext,
});
