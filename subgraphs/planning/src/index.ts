import { runSubgraphProcess } from '@soilgraph/server-kit';
import { planningSubgraph } from './server.ts';

await runSubgraphProcess(planningSubgraph);
