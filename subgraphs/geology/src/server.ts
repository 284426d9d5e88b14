import { defineSubgraph } from '@soilgraph/server-kit';
import { createContext } from './context.ts';
import { resolvers } from './resolvers/index.ts';

/** Geological survey: geochemical survey points, background values, the geology beneath parcels. */
export const geologySubgraph = defineSubgraph({
  name: 'geology',
  schemaFile: new URL('../schema.graphql', import.meta.url),
  resolvers,
  createContext,
});
