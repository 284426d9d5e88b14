import { fileURLToPath } from 'node:url';
import { supergraphFile } from '@soilgraph/schema';
import { createLogger, loadAuthConfig, onShutdown, SHUTDOWN_CLOSE_MARGIN_MS, startTracing } from '@soilgraph/server-kit';
import { loadGatewayConfig } from './config.ts';
import { startGateway } from './server.ts';

// The gateway as its own process (a container): subgraph URLs come from SUBGRAPH_<NAME>_URL; the
// supergraph from SUPERGRAPH_PATH (the checked-in one by default), reloaded when it changes.
const config = loadGatewayConfig();
const logger = createLogger('gateway', config.logLevel);
// Before the gateway is created, so that @apollo/gateway's spans go to the registered provider.
const tracing = await startTracing('gateway', process.env, logger);
const running = await startGateway({
  supergraphFile: { path: config.supergraphPath ?? fileURLToPath(supergraphFile), pollIntervalMs: config.supergraphPollIntervalMs },
  subgraphUrls: config.subgraphUrls,
  auth: loadAuthConfig(process.env, 'gateway'),
  host: config.host,
  port: config.port,
  logger,
  limits: config.limits,
  circuitBreaker: config.circuitBreaker,
  trustedDocuments: config.trustedDocuments,
  shutdownTimeoutMs: config.shutdownTimeoutMs,
  corsOrigins: config.corsOrigins,
  responseCacheMb: config.responseCacheMb,
});
// SIGTERM: stop accepting connections and let requests in flight finish; after SHUTDOWN_TIMEOUT_MS
// their connections are closed unanswered and the process exits 0. Should closing hang past that,
// the process exits 1 all the same.
onShutdown(logger, () => running.close().finally(() => tracing.stop()), { deadlineMs: config.shutdownTimeoutMs + SHUTDOWN_CLOSE_MARGIN_MS });
