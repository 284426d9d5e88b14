import { agricultureSubgraph } from '@soilgraph/agriculture';
import type { Agency } from '@soilgraph/db';
import { environmentSubgraph } from '@soilgraph/environment';
import { geologySubgraph } from '@soilgraph/geology';
import { planningSubgraph } from '@soilgraph/planning';
import type { SubgraphDefinition } from '@soilgraph/server-kit';
import { waterSubgraph } from '@soilgraph/water';

/** The five agencies' subgraphs, each served on its own port. */
export const SUBGRAPH_DEFINITIONS: Readonly<Record<Agency, SubgraphDefinition<any>>> = {
  planning: planningSubgraph,
  environment: environmentSubgraph,
  agriculture: agricultureSubgraph,
  water: waterSubgraph,
  geology: geologySubgraph,
};
