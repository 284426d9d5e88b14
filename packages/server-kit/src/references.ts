import { type ApolloServer, type BaseContext } from '@apollo/server';
import { ANONYMOUS, type AuthConfig, createGatewaySigner, GATEWAY_SIGNATURE_HEADER } from '@soilgraph/auth';
import type { Agency, Database } from '@soilgraph/db';
import { GraphQLError } from 'graphql';
import { ErrorCode } from './errors.ts';
import type { Logger } from './logger.ts';
import { createSubgraphServer, type SubgraphDefinition } from './subgraph.ts';
import type { RejectedRow } from './submissions.ts';
import { injectTraceContext } from './tracing.ts';

/*
 * Rows an agency submits may name another agency's entities: a soil sample its parcel
 * (planning's), a monitoring point its water source (water's). The owner decides what exists:
 * before a batch's transaction, every key it names is asked of the owning subgraph through its
 * federation `_entities` field, one call per owner and type (chunked), the way the gateway would
 * ask. Nothing crosses Postgres schemas and nothing is copied.
 *
 * The rule when an owner cannot answer (refused, timeout, HTTP error, or an answer with errors):
 * the batch is refused with SUBGRAPH_UNAVAILABLE naming the owner, and nothing is written. A
 * reference is never written unchecked, so an agency's data cannot come to name parcels planning
 * never had just because planning was down for a minute.
 */

/** The entity types rows may name that another agency owns: the owner and the key field. */
export const REFERENCED_ENTITIES = {
  Parcel: { owner: 'planning', key: 'id' },
  WaterSource: { owner: 'water', key: 'id' },
} as const satisfies Record<string, { owner: Agency; key: string }>;

export type ReferencedType = keyof typeof REFERENCED_ENTITIES;

/** A submission kind's reference fields: each top-level field that holds a key, and the type it names, e.g. { parcelId: 'Parcel' }. */
export type ReferenceFields<Row> = { readonly [F in keyof Row & string]?: ReferencedType };

/** One GraphQL request and the parts of its answer the check reads. */
export interface GraphQLRequestBody {
  query: string;
  variables: Record<string, unknown>;
}
export interface GraphQLAnswer {
  data?: Record<string, unknown> | null;
  errors?: readonly { message: string }[];
}

/**
 * How a subgraph reaches the owners of what its rows name: over HTTP as the gateway does (the
 * services, httpReferenceResolver), or by executing the owner's subgraph in this process (the bulk
 * import, which runs without the services: inProcessReferenceResolver). Rejects when the owner
 * cannot be reached; judging the answer is the check's (unknownReferences).
 */
export interface ReferenceResolver {
  request(owner: Agency, body: GraphQLRequestBody): Promise<GraphQLAnswer>;
  /** Releases what the resolver holds (the in-process one's servers). */
  close(): Promise<void>;
}

/** A resolver that reaches no owner: where none is configured, a batch that names another agency's entity is refused, never written unchecked. */
export const NO_REFERENCE_RESOLVER: ReferenceResolver = {
  request: async (owner) => {
    throw new Error(`this service has no route to ${owner}'s subgraph`);
  },
  close: async () => {},
};

/** Keys per `_entities` call: a bounded request and answer; a full batch (MAX_BATCH_ROWS) takes at most five calls per type. */
export const ENTITIES_CHUNK = 1000;

/** How long an owner may take to answer one `_entities` call over HTTP. */
export const OWNER_TIMEOUT_MS = 10_000;

/**
 * Calls each owner's subgraph at its URL, signed as the gateway signs (subgraphs accept gateway
 * calls only) and without an Authorization header: `_entities` answers any gateway-signed call,
 * and the check reads keys only. `urls` is read at each call, so a stack may fill it in as it
 * starts the subgraphs.
 */
export function httpReferenceResolver(options: { urls: Readonly<Partial<Record<Agency, string>>>; auth: AuthConfig; timeoutMs?: number }): ReferenceResolver {
  const timeoutMs = options.timeoutMs ?? OWNER_TIMEOUT_MS;
  const sign = createGatewaySigner(options.auth);
  return {
    async request(owner, body) {
      const url = options.urls[owner];
      if (url === undefined) throw new Error(`no URL is configured for ${owner}'s subgraph`);
      const headers = new Headers({ 'content-type': 'application/json', [GATEWAY_SIGNATURE_HEADER]: await sign(undefined) });
      injectTraceContext(headers); // with tracing on, the owner's spans join the submission's trace
      const response = await fetch(url, {
        method: 'POST',
        headers,
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(timeoutMs),
      });
      if (!response.ok) throw new Error(`HTTP ${response.status} from ${url}`);
      return (await response.json()) as GraphQLAnswer;
    },
    close: async () => {},
  };
}

/**
 * Executes the owners' subgraph definitions in this process, each on its own database handle, as
 * an anonymous caller: the same `_entities` request, without HTTP. Each owner's server is built
 * on first use.
 */
export function inProcessReferenceResolver(options: {
  definitions: Readonly<Partial<Record<Agency, SubgraphDefinition<any>>>>;
  dbFor: (owner: Agency) => Database;
  logger: Logger;
}): ReferenceResolver {
  const servers = new Map<Agency, ApolloServer<BaseContext>>();
  return {
    async request(owner, body) {
      const definition = options.definitions[owner];
      if (definition === undefined) throw new Error(`${owner}'s subgraph is not available in this process`);
      let server = servers.get(owner);
      if (server === undefined) {
        server = createSubgraphServer(definition, options.logger) as ApolloServer<BaseContext>;
        servers.set(owner, server);
      }
      // The owner needs no references of its own to answer _entities.
      const response = await server.executeOperation(body, { contextValue: definition.createContext(options.dbFor(owner), ANONYMOUS, NO_REFERENCE_RESOLVER) });
      if (response.body.kind !== 'single') throw new Error(`${owner} answered with an incremental result`);
      return response.body.singleResult as GraphQLAnswer;
    },
    async close() {
      for (const server of servers.values()) await server.stop();
      servers.clear();
    },
  };
}

/** The error that refuses a batch because an owner could not say whether its entities exist (`serviceName` as the gateway's own SUBGRAPH_UNAVAILABLE). */
export function ownerUnavailable(owner: Agency, typename: string, reason: string): GraphQLError {
  return new GraphQLError(`${owner} could not be asked whether the ${typename} entities this batch names exist (${reason}); nothing was written, try again later`, {
    extensions: { code: ErrorCode.SUBGRAPH_UNAVAILABLE, serviceName: owner },
  });
}

/** Why a request failed, with the network's reason where fetch hides it (e.g. "fetch failed: ECONNREFUSED"). */
function reasonOf(error: unknown): string {
  const { message, cause } = error as Error & { cause?: { code?: string } };
  return cause?.code ? `${message}: ${cause.code}` : message;
}

/** The owners a kind's rows may name entities of. */
export function referencedOwners(kind: { references?: Readonly<Record<string, ReferencedType | undefined>> }): Agency[] {
  const types = Object.values(kind.references ?? {}).filter((t) => t !== undefined);
  return [...new Set(types.map((t) => REFERENCED_ENTITIES[t].owner))];
}

/** Of `keys`, those the owner of `typename` has an entity for. Throws SUBGRAPH_UNAVAILABLE when the owner cannot answer. */
async function existingKeys(resolver: ReferenceResolver, typename: ReferencedType, keys: readonly string[]): Promise<Set<string>> {
  const { owner, key } = REFERENCED_ENTITIES[typename];
  const query = `query($r:[_Any!]!){_entities(representations:$r){... on ${typename}{${key}}}}`;
  const found = new Set<string>();
  for (let i = 0; i < keys.length; i += ENTITIES_CHUNK) {
    const chunk = keys.slice(i, i + ENTITIES_CHUNK);
    let answer: GraphQLAnswer;
    try {
      answer = await resolver.request(owner, { query, variables: { r: chunk.map((k) => ({ __typename: typename, [key]: k })) } });
    } catch (error) {
      throw ownerUnavailable(owner, typename, reasonOf(error));
    }
    // An answer with errors is no answer: a null next to an error may be a failure, not an absence.
    if (answer.errors?.length) throw ownerUnavailable(owner, typename, `it answered: ${answer.errors[0]!.message}`);
    const entities = answer.data?._entities;
    if (!Array.isArray(entities) || entities.length !== chunk.length) throw ownerUnavailable(owner, typename, 'its answer holds no _entities list of the keys asked');
    entities.forEach((entity, j) => {
      if (entity !== null) found.add(chunk[j]!);
    });
  }
  return found;
}

/**
 * The rows of a parsed batch that name another agency's entity the owner does not have, one
 * rejected row per such field (e.g. ["samples", 3, "parcelId"]). Asks each owner once per type
 * (chunked), all owners at once; throws SUBGRAPH_UNAVAILABLE when one cannot answer. Run it
 * before the batch's transaction: it waits on other services, and an in-process owner shares the
 * embedded database, which runs one transaction at a time.
 */
export async function unknownReferences<Row>(
  resolver: ReferenceResolver,
  kind: { argumentName: string; references?: ReferenceFields<Row> },
  rows: readonly Row[],
): Promise<RejectedRow[]> {
  const fields = Object.entries(kind.references ?? {}) as [keyof Row & string, ReferencedType][];
  const named = rows.flatMap((row, index) =>
    fields.flatMap(([field, typename]) => {
      const key = row[field];
      return typeof key === 'string' && key !== '' ? [{ index, field, typename, key }] : [];
    }),
  );
  if (named.length === 0) return [];
  const keysByType = new Map<ReferencedType, Set<string>>();
  for (const { typename, key } of named) keysByType.set(typename, (keysByType.get(typename) ?? new Set()).add(key));
  const existing = new Map(
    await Promise.all([...keysByType].map(async ([typename, keys]) => [typename, await existingKeys(resolver, typename, [...keys])] as const)),
  );
  const { argumentName } = kind;
  return named
    .filter(({ typename, key }) => !existing.get(typename)!.has(key))
    .map(({ index, field, typename, key }) => ({
      index,
      argumentPath: [argumentName, index, field],
      message: `${argumentName}.${index}.${field}: ${REFERENCED_ENTITIES[typename].owner} has no ${typename} ${JSON.stringify(key)}`,
    }));
}
