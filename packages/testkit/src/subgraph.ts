import type { BaseContext } from '@apollo/server';
import { agencyCaller, type Caller } from '@soilgraph/auth';
import type { Database } from '@soilgraph/db';
import { generateDemoData, type DemoData, seedDemoData } from '@soilgraph/db/demo';
import { createLogger, createSubgraphServer, type SubgraphDefinition } from '@soilgraph/server-kit';
import type { GraphQLFormattedError } from 'graphql';
import { createTestDatabase, type TestDatabase } from './database.ts';

export interface GraphQLResult<TData = Record<string, unknown>> {
  data?: TData | null;
  errors?: readonly GraphQLFormattedError[];
}

export interface SubgraphHarness {
  db: Database;
  database: TestDatabase;
  /** The demo data the database was seeded with: the answer key for assertions. */
  demo: DemoData;
  /**
   * Runs an operation through the subgraph's whole Apollo pipeline, without HTTP, as `caller`:
   * by default a token of the subgraph's own agency with all its scopes.
   */
  query<TData = Record<string, any>>(query: string, variables?: Record<string, unknown>, caller?: Caller): Promise<GraphQLResult<TData>>;
  close(): Promise<void>;
}

/** One subgraph on a fresh database seeded with the demo data (default seed, scale 1). */
export async function createSubgraphHarness<TContext extends BaseContext>(
  definition: SubgraphDefinition<TContext>,
): Promise<SubgraphHarness> {
  const database = await createTestDatabase();
  await seedDemoData(() => database.db);
  const demo = generateDemoData();
  const server = createSubgraphServer(definition, createLogger(definition.name, 'silent'));
  await server.start();
  return {
    db: database.db,
    database,
    demo,
    query: async (query, variables, caller = agencyCaller(definition.name, `test:${definition.name}`)) => {
      const response = await server.executeOperation(
        { query, ...(variables ? { variables } : {}) },
        { contextValue: definition.createContext(database.serviceDbFor(definition.name), caller) },
      );
      if (response.body.kind !== 'single') throw new Error('expected a single result');
      return response.body.singleResult as GraphQLResult<any>;
    },
    close: async () => {
      await server.stop();
      await database.close();
    },
  };
}
