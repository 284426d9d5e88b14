import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import type { AuthConfig } from '@soilgraph/auth';
import { readPublished } from '@soilgraph/schema';
import { type Logger, maskInternalErrors, routeOf, type RunningHttpService, startHttpService } from '@soilgraph/server-kit';
import compression from 'compression';
import express from 'express';
import { authenticateRequests, type GatewayContext, publishedOnlyForAnonymous } from './access.ts';
import { registerCircuitMetrics, SubgraphCircuits } from './circuit.ts';
import { SubgraphCallMetrics } from './subgraph-metrics.ts';
import { type CircuitBreakerSettings, corsOrigin, DEFAULT_CIRCUIT_BREAKER, DEFAULT_LIMITS, DEFAULT_RESPONSE_CACHE_MB, type GatewayLimits } from './config.ts';
import { corsFor } from './cors.ts';
import { mountExplorer } from './explorer.ts';
import { mountExports } from './exports.ts';
import { limitOptions, readCostModel } from './limits/index.ts';
import { withFailedCallPaths } from './partial-failure.ts';
import { ResponseCacheMetrics, responseCache } from './response-cache.ts';
import { AgencySubgraphSource } from './subgraph-source.ts';
import { readSupergraphFile, type SupergraphFile, supergraphFromFile } from './supergraph-file.ts';
import { loadTrustedDocuments, trustedDocumentsMiddleware } from './trusted-documents.ts';

export interface GatewayOptions {
  /** The composed supergraph (schema/supergraph.graphql), served as it is; or give `supergraphFile`. */
  supergraphSdl?: string;
  /** A supergraph file, served and polled for changes (supergraph-file.ts); instead of `supergraphSdl`. */
  supergraphFile?: SupergraphFile;
  /** Where each subgraph listens; overrides the URLs written in the supergraph. */
  subgraphUrls: Readonly<Record<string, string>>;
  /** Token verification, and the secret that signs each subgraph call. */
  auth: AuthConfig;
  /** What anonymous callers may read (schema/published.json by default). */
  published?: readonly string[];
  logger: Logger;
  /** What the gateway refuses before planning; DEFAULT_LIMITS where not given. */
  limits?: Partial<GatewayLimits>;
  /** When a subgraph's circuit opens and for how long (circuit.ts); DEFAULT_CIRCUIT_BREAKER where not given. */
  circuitBreaker?: Partial<CircuitBreakerSettings>;
  /** Megabytes of answers kept while the agencies' data is unchanged (response-cache.ts; RESPONSE_CACHE_MB); 0 turns it off. */
  responseCacheMb?: number;
}

/**
 * The federation gateway: plans each query over the supergraph and calls the agencies'
 * subgraphs over HTTP. A subgraph that fails leaves its fields null, with errors that say
 * which and why (partial-failure.ts); a subgraph that keeps failing has its circuit opened.
 */
export function createGateway(
  { supergraphSdl, supergraphFile, subgraphUrls, published = readPublished(), logger, limits, circuitBreaker, responseCacheMb = DEFAULT_RESPONSE_CACHE_MB }: GatewayOptions,
  /** The subgraphs' circuit breakers, when the caller reports their state (startGateway: /metrics). */
  circuits = new SubgraphCircuits({ ...DEFAULT_CIRCUIT_BREAKER, ...circuitBreaker }, logger),
  /** The duration and outcome of every subgraph call, when the caller reports them (startGateway: /metrics). */
  calls = new SubgraphCallMetrics(),
  /** How often answers came from the response cache, when the caller reports it (startGateway: /metrics). */
  cacheMetrics = new ResponseCacheMetrics(),
): ApolloServer<GatewayContext> {
  for (const [name, url] of Object.entries(subgraphUrls)) {
    if (!URL.canParse(url)) throw new TypeError(`createGateway: subgraphUrls.${name} is not a URL: ${url}`);
  }
  if ((supergraphSdl === undefined) === (supergraphFile === undefined)) throw new TypeError('createGateway: give either supergraphSdl or supergraphFile');
  const initialSdl = supergraphSdl ?? readSupergraphFile(supergraphFile!.path);
  const limited = { ...DEFAULT_LIMITS, ...limits };
  // @apollo/gateway sends usage data to Apollo (and probes cloud metadata addresses) unless this is
  // set: a platform of government data sends nothing out that it was not asked to. An operator who
  // wants it sets APOLLO_TELEMETRY_DISABLED=false.
  process.env.APOLLO_TELEMETRY_DISABLED ??= 'true';
  const cache = responseCache({ maxBytes: responseCacheMb * 1024 * 1024, subgraphUrls, answering: (name) => circuits.stateOf(name) === 0 }, cacheMetrics);
  const gateway = new ApolloGateway({
    supergraphSdl: supergraphFile === undefined ? initialSdl : supergraphFromFile(supergraphFile, initialSdl, logger),
    buildService: ({ name, url }) => new AgencySubgraphSource(name, subgraphUrls[name] ?? url!, limited.subgraphTimeoutMs, circuits.of(name), calls),
    logger,
    experimental_didResolveQueryPlan: cache.didResolveQueryPlan,
  });
  // The API schema drops @cost and @listSize: read them from the supergraph's text, at start and at each reload.
  let costModel = readCostModel(initialSdl);
  gateway.onSchemaLoadOrUpdate(({ coreSupergraphSdl }) => {
    costModel = readCostModel(coreSupergraphSdl);
    // Plans and answers of the earlier supergraph may differ from the new one's.
    cache.clear();
  });
  const { plugins: limitPlugins, ...limitSettings } = limitOptions(limited, () => costModel);
  return new ApolloServer<GatewayContext>({
    gateway: withFailedCallPaths(gateway),
    // The process stops the gateway itself (index.ts: onShutdown, bounded by SHUTDOWN_TIMEOUT_MS);
    // Apollo's own handler would stop it a second time and then kill the process with the signal.
    stopOnTerminationSignals: false,
    includeStacktraceInErrorResponses: false,
    formatError: maskInternalErrors(logger),
    ...limitSettings,
    // The limits come first: an abusive operation is refused whoever sends it.
    // The cache answers only what has passed both, under the same caller.
    plugins: [
      ApolloServerPluginLandingPageDisabled(),
      ...(limitPlugins ?? []),
      publishedOnlyForAnonymous(published),
      cache.plugin,
    ],
  });
}

export interface StartGatewayOptions extends GatewayOptions {
  host: string;
  port: number;
  /** A persisted query manifest: when given, only its operations run (trusted-documents.ts). */
  trustedDocuments?: string;
  /** How long close() lets requests in flight finish before it closes their connections (SHUTDOWN_TIMEOUT_MS). */
  shutdownTimeoutMs?: number;
  /**
   * Origins (e.g. "http://localhost:5173") whose pages may call /graphql and /export from a
   * browser (CORS_ORIGINS; cors.ts); none by default: no CORS headers.
   */
  corsOrigins?: readonly string[];
}

/**
 * Every subgraph answers its /readyz: the gateway is ready when all five are (each may take
 * READY_TIMEOUT_MS). A subgraph that is down makes the gateway unready, not unable to answer:
 * the others' fields are still served.
 */
const READY_TIMEOUT_MS = 2000;
async function subgraphsReady(subgraphUrls: Readonly<Record<string, string>>): Promise<void> {
  const down = await Promise.all(
    Object.entries(subgraphUrls).map(async ([name, url]) => {
      try {
        const response = await fetch(routeOf(url, '/readyz'), { signal: AbortSignal.timeout(READY_TIMEOUT_MS) });
        return response.ok ? undefined : `${name} (${response.status})`;
      } catch (error) {
        return `${name} (${(error as Error).name === 'TimeoutError' ? 'no answer' : 'unreachable'})`;
      }
    }),
  );
  const names = down.filter((d) => d !== undefined);
  if (names.length > 0) throw new Error(`subgraphs not ready: ${names.join(', ')}`);
}

/**
 * Serves the gateway at /graphql (gzipped for clients that accept it), the offline explorer on its
 * GET page, the lists as files at /export (exports.ts), /healthz, /readyz (the supergraph is loaded
 * at start; the subgraphs answer) and /metrics (with each subgraph's circuit and calls).
 */
export function startGateway(options: StartGatewayOptions): Promise<RunningHttpService> {
  const bodyLimit = options.limits?.bodyLimit ?? DEFAULT_LIMITS.bodyLimit;
  const trusted = options.trustedDocuments === undefined ? undefined : loadTrustedDocuments(options.trustedDocuments);
  const circuits = new SubgraphCircuits({ ...DEFAULT_CIRCUIT_BREAKER, ...options.circuitBreaker }, options.logger);
  const calls = new SubgraphCallMetrics();
  const cacheMetrics = new ResponseCacheMetrics();
  const corsOrigins = (options.corsOrigins ?? []).map((origin, i) => {
    const parsed = corsOrigin.safeParse(origin);
    if (!parsed.success) throw new TypeError(`startGateway: corsOrigins[${i}] ${JSON.stringify(origin)} ${parsed.error.issues[0]!.message}`);
    return parsed.data;
  });
  const cors = corsFor(corsOrigins);
  // The same context for /graphql and /export: a file is read under the rules of a query.
  const context = authenticateRequests(options.auth);
  let server: ApolloServer<GatewayContext> | undefined;
  return startHttpService({
    service: 'gateway',
    createServer: () => (server = createGateway(options, circuits, calls, cacheMetrics)),
    metrics: (registry) => {
      registerCircuitMetrics(registry, circuits, Object.keys(options.subgraphUrls));
      calls.register(registry);
      cacheMetrics.register(registry);
    },
    shutdownTimeoutMs: options.shutdownTimeoutMs,
    readiness: () => subgraphsReady(options.subgraphUrls),
    context,
    host: options.host,
    port: options.port,
    logger: options.logger,
    bodyLimit,
    routes: (app) => {
      // First, so that a preflight is answered before any route and every answer carries the headers.
      if (cors) app.use(['/graphql', '/export'], cors);
      // Answers gzip-compressed for clients that accept it (Accept-Encoding), from 1 kB. Not the
      // /export files: gzip's buffering would read pages ahead of the client and hide a cut-off.
      app.use('/graphql', compression());
      mountExplorer(app);
      // startHttpService mounts the routes once the server has started.
      mountExports(app, { server: server!, context, logger: options.logger });
      // The check needs the parsed body; the JSON parser on /graphql then finds it parsed already.
      if (trusted) app.use('/graphql', express.json({ limit: bodyLimit }), trustedDocumentsMiddleware(trusted));
    },
  });
}
