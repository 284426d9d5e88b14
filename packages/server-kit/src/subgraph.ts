import { readFileSync } from 'node:fs';
import { ApolloServer, type ApolloServerPlugin, type BaseContext } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/resolverMap.js';
import { type Caller, withAccessRules } from '@soilgraph/auth';
import type { Agency, Database } from '@soilgraph/db';
import { parse, type GraphQLFormattedError } from 'graphql';
import { ErrorCode, isPublicErrorCode } from './errors.ts';
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
 * INTERNAL_SERVER_ERROR and the path, the log gets the cause.
 */
export function maskInternalErrors(logger: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    if (isPublicErrorCode(formatted.extensions?.code)) {
      const { stacktrace: _dropped, ...extensions } = formatted.extensions ?? {};
      return { ...formatted, extensions };
    }
    logger.error({ err: (error as { originalError?: unknown })?.originalError ?? error, path: formatted.path }, 'internal error');
    return {
      message: 'Internal server error: the service logged the cause',
      ...(formatted.locations ? { locations: formatted.locations } : {}),
      ...(formatted.path ? { path: formatted.path } : {}),
      extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR },
    };
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
    formatError: maskInternalErrors(logger),
    plugins: [ApolloServerPluginInlineTraceDisabled(), ...plugins],
  });
}
