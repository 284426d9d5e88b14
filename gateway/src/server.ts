import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer, type BaseContext } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { type Logger, maskInternalErrors, type RunningHttpService, startHttpService } from '@soilgraph/server-kit';
import { mountExplorer } from './explorer.ts';
import { AgencySubgraphSource } from './subgraph-source.ts';

export interface GatewayOptions {
  /** The composed supergraph (schema/supergraph.graphql). */
  supergraphSdl: string;
  /** Where each subgraph listens; overrides the URLs written in the supergraph. */
  subgraphUrls: Readonly<Record<string, string>>;
  logger: Logger;
}

/**
 * The federation gateway: plans each query over the static supergraph and calls the
 * agencies' subgraphs over HTTP.
 */
export function createGateway({ supergraphSdl, subgraphUrls, logger }: GatewayOptions): ApolloServer<BaseContext> {
  for (const [name, url] of Object.entries(subgraphUrls)) {
    if (!URL.canParse(url)) throw new TypeError(`createGateway: subgraphUrls.${name} is not a URL: ${url}`);
  }
  const gateway = new ApolloGateway({
    supergraphSdl,
    buildService: ({ name, url }) => new AgencySubgraphSource(name, subgraphUrls[name] ?? url!),
    logger,
  });
  return new ApolloServer({
    gateway,
    includeStacktraceInErrorResponses: false,
    formatError: maskInternalErrors(logger),
    plugins: [ApolloServerPluginLandingPageDisabled()],
  });
}

export interface StartGatewayOptions extends GatewayOptions {
  host: string;
  port: number;
}

/** Serves the gateway at /graphql, the offline explorer on its GET page, and /health. */
export function startGateway(options: StartGatewayOptions): Promise<RunningHttpService> {
  return startHttpService({
    createServer: () => createGateway(options),
    context: async () => ({}),
    host: options.host,
    port: options.port,
    logger: options.logger,
    routes: mountExplorer,
  });
}
