import { runSubgraphProcess } from '@soilgraph/server-kit';
import { agricultureSubgraph } from './server.ts';

await runSubgraphProcess(agricultureSubgraph);
