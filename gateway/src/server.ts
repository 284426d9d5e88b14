import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import type { AuthConfig } from '@soilgraph/auth';
import { readPublished } from '@soilgraph/schema';
import { type Logger, maskInternalErrors, type RunningHttpService, startHttpService } from '@soilgraph/server-kit';
import express from 'express';
import { authenticateRequests, type GatewayContext, publishedOnlyForAnonymous } from './access.ts';
import { DEFAULT_LIMITS, type GatewayLimits } from './config.ts';
import { mountExplorer } from './explorer.ts';
import { limitOptions, readCostModel } from './limits/index.ts';
import { AgencySubgraphSource } from './subgraph-source.ts';
import { loadTrustedDocuments, trustedDocumentsMiddleware } from './trusted-documents.ts';

export interface GatewayOptions {
  /** The composed supergraph (schema/supergraph.graphql). */
  supergraphSdl: string;
  /** Where each subgraph listens; overrides the URLs written in the supergraph. */
  subgraphUrls: Readonly<Record<string, string>>;
  /** Token verification, and the secret that signs each subgraph call. */
  auth: AuthConfig;
  /** What anonymous callers may read (schema/published.json by default). */
  published?: readonly string[];
  logger: Logger;
  /** What the gateway refuses before planning; DEFAULT_LIMITS where not given. */
  limits?: Partial<GatewayLimits>;
}

/**
 * The federation gateway: plans each query over the static supergraph and calls the
 * agencies' subgraphs over HTTP.
 */
export function createGateway({ supergraphSdl, subgraphUrls, published = readPublished(), logger, limits }: GatewayOptions): ApolloServer<GatewayContext> {
  for (const [name, url] of Object.entries(subgraphUrls)) {
    if (!URL.canParse(url)) throw new TypeError(`createGateway: subgraphUrls.${name} is not a URL: ${url}`);
  }
  const limited = { ...DEFAULT_LIMITS, ...limits };
  const gateway = new ApolloGateway({
    supergraphSdl,
    buildService: ({ name, url }) => new AgencySubgraphSource(name, subgraphUrls[name] ?? url!, limited.subgraphTimeoutMs),
    logger,
  });
  // The API schema drops @cost and @listSize: read them from the supergraph's text, once.
  const { plugins: limitPlugins, ...limitSettings } = limitOptions(limited, readCostModel(supergraphSdl));
  return new ApolloServer<GatewayContext>({
    gateway,
    includeStacktraceInErrorResponses: false,
    formatError: maskInternalErrors(logger),
    ...limitSettings,
    // The limits come first: an abusive operation is refused whoever sends it.
    plugins: [ApolloServerPluginLandingPageDisabled(), ...(limitPlugins ?? []), publishedOnlyForAnonymous(published)],
  });
}

export interface StartGatewayOptions extends GatewayOptions {
  host: string;
  port: number;
  /** A persisted query manifest: when given, only its operations run (trusted-documents.ts). */
  trustedDocuments?: string;
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
        const response = await fetch(url.replace(/\/graphql$/, '/readyz'), { signal: AbortSignal.timeout(READY_TIMEOUT_MS) });
        return response.ok ? undefined : `${name} (${response.status})`;
      } catch (error) {
        return `${name} (${(error as Error).name === 'TimeoutError' ? 'no answer' : 'unreachable'})`;
      }
    }),
  );
  const names = down.filter((d) => d !== undefined);
  if (names.length > 0) throw new Error(`subgraphs not ready: ${names.join(', ')}`);
}

/** Serves the gateway at /graphql, the offline explorer on its GET page, /healthz and /readyz (the supergraph is loaded at start; the subgraphs answer). */
export function startGateway(options: StartGatewayOptions): Promise<RunningHttpService> {
  const bodyLimit = options.limits?.bodyLimit ?? DEFAULT_LIMITS.bodyLimit;
  const trusted = options.trustedDocuments === undefined ? undefined : loadTrustedDocuments(options.trustedDocuments);
  return startHttpService({
    service: 'gateway',
    createServer: () => createGateway(options),
    readiness: () => subgraphsReady(options.subgraphUrls),
    context: authenticateRequests(options.auth),
    host: options.host,
    port: options.port,
    logger: options.logger,
    bodyLimit,
    routes: (app) => {
      mountExplorer(app);
      // The check needs the parsed body; the JSON parser on /graphql then finds it parsed already.
      if (trusted) app.use('/graphql', express.json({ limit: bodyLimit }), trustedDocumentsMiddleware(trusted));
    },
  });
}
