import { readSupergraph } from '@soilgraph/schema';
import { createLogger, loadAuthConfig, onShutdown } from '@soilgraph/server-kit';
import { loadGatewayConfig } from './config.ts';
import { startGateway } from './server.ts';

// The gateway as its own process (a container): subgraph URLs come from SUBGRAPH_<NAME>_URL.
const config = loadGatewayConfig();
const logger = createLogger('gateway', config.logLevel);
const running = await startGateway({
  supergraphSdl: readSupergraph(),
  subgraphUrls: config.subgraphUrls,
  auth: loadAuthConfig(process.env, 'gateway'),
  host: config.host,
  port: config.port,
  logger,
  limits: config.limits,
  trustedDocuments: config.trustedDocuments,
});
onShutdown(logger, () => running.close());
