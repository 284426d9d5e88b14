import { readFileSync } from 'node:fs';
import { ApolloServer, type ApolloServerPlugin, type BaseContext } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/resolverMap.js';
import { type Caller, withAccessRules } from '@soilgraph/auth';
import { type Agency, type Database, rootMessage } from '@soilgraph/db';
import { parse, type GraphQLFormattedError } from 'graphql';
import { databaseErrorOf, ErrorCode, isPublicErrorCode } from './errors.ts';
import type { Logger } from './logger.ts';
import type { ReferenceResolver } from './references.ts';

/** Reads an agency's SDL, the one copy of its contract that composition reads too. */
export function loadTypeDefs(schemaFile: URL) {
  return parse(readFileSync(schemaFile, 'utf8'));
}

export interface SubgraphOptions<TContext extends BaseContext> {
  name: Agency;
  schemaFile: URL;
  /** The resolver map, typed in each subgraph by graphql-codegen. */
  resolvers: object;
  /**
   * Builds the per-request context: the authenticated caller, loaders over the shared database
   * handle, and how to reach other agencies' subgraphs to check the references of a submitted
   * batch (references.ts; without one, such a batch is refused).
   */
  createContext: (db: Database, caller: Caller, references?: ReferenceResolver) => TContext;
}

/** What a subgraph package exports: its name and how to build its server on a database. */
export interface SubgraphDefinition<TContext extends BaseContext = BaseContext> extends SubgraphOptions<TContext> {}

export function defineSubgraph<TContext extends BaseContext>(options: SubgraphOptions<TContext>): SubgraphDefinition<TContext> {
  for (const key of ['name', 'schemaFile', 'resolvers', 'createContext'] as const) {
    if (options[key] === undefined) throw new TypeError(`defineSubgraph: option "${key}" is required`);
  }
  return options;
}

/**
 * Masks anything that is not an expected, caller-facing error: the caller gets
 * INTERNAL_SERVER_ERROR and the path, the log gets the cause. A subgraph names its `database`:
 * a query that failed because that database is down, busy or too slow gets DATABASE_UNAVAILABLE,
 * DATABASE_BUSY or TIMEOUT and a message naming it instead (errors.ts, databaseErrorOf).
 */
export function maskInternalErrors(logger: Logger, options: { database?: string } = {}) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    if (isPublicErrorCode(formatted.extensions?.code)) {
      const { stacktrace: _dropped, ...extensions } = formatted.extensions ?? {};
      return { ...formatted, extensions };
    }
    const cause = (error as { originalError?: unknown })?.originalError ?? error;
    const where = {
      ...(formatted.locations ? { locations: formatted.locations } : {}),
      ...(formatted.path ? { path: formatted.path } : {}),
    };
    const database = options.database === undefined ? undefined : databaseErrorOf(cause, options.database);
    if (database !== undefined) {
      logger.warn({ code: database.code, cause: rootMessage(cause), path: formatted.path }, 'database unable to answer');
      return { message: database.message, ...where, extensions: { code: database.code } };
    }
    logger.error({ err: cause, path: formatted.path }, 'internal error');
    return { message: 'Internal server error: the service logged the cause', ...where, extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR } };
  };
}

export function createSubgraphServer<TContext extends BaseContext>(
  definition: SubgraphDefinition<TContext>,
  logger: Logger,
  plugins: ApolloServerPlugin<TContext>[] = [],
): ApolloServer<TContext> {
  // Field access is declared in the agency's SDL (@access) and enforced here, field by field.
  const typeDefs = loadTypeDefs(definition.schemaFile);
  const schema = buildSubgraphSchema({ typeDefs, resolvers: withAccessRules(typeDefs, definition.resolvers) as GraphQLResolverMap<unknown> });
  return new ApolloServer<TContext>({
    schema,
    includeStacktraceInErrorResponses: false,
    formatError: maskInternalErrors(logger, { database: definition.name }),
    // No field-level hooks: Apollo's cache-control plugin (on by default) would have every resolver
    // wrapped to collect cache hints, which nothing here reads (the gateway keeps answers by data
    // version, gateway/src/response-cache.ts): about a tenth of a subgraph's CPU on a page of
    // samples with their measurements. Inline traces are for Apollo's usage reporting, which is off.
    plugins: [ApolloServerPluginInlineTraceDisabled(), ApolloServerPluginCacheControlDisabled(), ...plugins],
    // Signals belong to the process (service.ts, onShutdown), which drains, closes the pool and exits;
    // Apollo's own handler would stop the server and then kill the process with the signal again.
    stopOnTerminationSignals: false,
  });
}
