import { runSubgraphProcess } from '@soilgraph/server-kit';
import { geologySubgraph } from './server.ts';

await runSubgraphProcess(geologySubgraph);
