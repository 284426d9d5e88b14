import { readSupergraph } from '@soilgraph/schema';
import { createLogger, onShutdown } from '@soilgraph/server-kit';
import { loadGatewayConfig } from './config.ts';
import { startGateway } from './server.ts';

// The gateway as its own process (a container): subgraph URLs come from SUBGRAPH_<NAME>_URL.
const config = loadGatewayConfig();
const logger = createLogger('gateway', config.logLevel);
const running = await startGateway({
  supergraphSdl: readSupergraph(),
  subgraphUrls: config.subgraphUrls,
  host: config.host,
  port: config.port,
  logger,
});
onShutdown(logger, () => running.close());
