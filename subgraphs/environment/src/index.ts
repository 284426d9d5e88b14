import { runSubgraphProcess } from '@soilgraph/server-kit';
import { environmentSubgraph } from './server.ts';

await runSubgraphProcess(environmentSubgraph);
