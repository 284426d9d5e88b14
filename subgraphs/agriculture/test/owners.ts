import type { Database } from '@soilgraph/db';
import { createLogger, inProcessReferenceResolver, type ReferenceResolver, type SubgraphDefinition } from '@soilgraph/server-kit';
// A test-only import across packages: agriculture's own code never imports another agency's. Its
// tests run planning's real subgraph, so that planning decides which parcels exist.
import { planningSubgraph } from '../../planning/src/server.ts';
import { type Context, createContext } from '../src/context.ts';
import { agricultureSubgraph } from '../src/server.ts';

/**
 * Agriculture's subgraph checking its batches' parcels at planning's subgraph, executed in process
 * on `db()` (a harness's database, which holds every agency's demo data). Close `owners` after
 * the harness.
 */
export function withOwners(db: () => Database): { definition: SubgraphDefinition<Context>; owners: ReferenceResolver } {
  const owners = inProcessReferenceResolver({ definitions: { planning: planningSubgraph }, dbFor: db, logger: createLogger('owners', 'silent') });
  return { definition: { ...agricultureSubgraph, createContext: (database, caller) => createContext(database, caller, owners) }, owners };
}
