import type { Database } from '@soilgraph/db';
import { createLogger, inProcessReferenceResolver, type ReferenceResolver, type SubgraphDefinition } from '@soilgraph/server-kit';
// Test-only imports across packages: environment's own code never imports another agency's. Its
// tests run the owners' real subgraphs, so that planning and water decide what exists.
import { planningSubgraph } from '../../planning/src/server.ts';
import { waterSubgraph } from '../../water/src/server.ts';
import { type Context, createContext } from '../src/context.ts';
import { environmentSubgraph } from '../src/server.ts';

/**
 * Environment's subgraph checking its batches' parcels and water sources at planning's and
 * water's subgraphs, executed in process on `db()` (a harness's database, which holds every
 * agency's demo data). Close `owners` after the harness.
 */
export function withOwners(db: () => Database): { definition: SubgraphDefinition<Context>; owners: ReferenceResolver } {
  const owners = inProcessReferenceResolver({ definitions: { planning: planningSubgraph, water: waterSubgraph }, dbFor: db, logger: createLogger('owners', 'silent') });
  return { definition: { ...environmentSubgraph, createContext: (database, caller) => createContext(database, caller, owners) }, owners };
}
