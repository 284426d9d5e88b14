import { runSubgraphProcess } from '@soilgraph/server-kit';
import { waterSubgraph } from './server.ts';

await runSubgraphProcess(waterSubgraph);
