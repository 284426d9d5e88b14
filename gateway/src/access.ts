import type { ApolloServerPlugin } from '@apollo/server';
import {
  type AuthConfig,
  type Caller,
  createGatewaySigner,
  createTokenVerifier,
  GATEWAY_SIGNATURE_HEADER,
} from '@soilgraph/auth';
import { currentRequestId, REQUEST_ID_HEADER } from '@soilgraph/server-kit';
import type { Request } from 'express';
import { type DocumentNode, getNamedType, GraphQLError, type GraphQLSchema, isObjectType, TypeInfo, visit, visitWithTypeInfo } from 'graphql';
import { perDocument } from './per-document.ts';

/** What the gateway knows of each request: the verified caller, and what it passes to subgraphs. */
export interface GatewayContext {
  caller: Caller;
  /** The caller's Authorization header, passed on so that every subgraph verifies the token again. */
  authorization: string | undefined;
  /** The gateway's signature over that header: subgraphs accept calls that carry it only. */
  signature: string;
}

/** Verifies the caller's token (none is anonymous; a bad one is refused with 401) and signs the request once. */
export function authenticateRequests(auth: AuthConfig): (req: Request) => Promise<GatewayContext> {
  const verify = createTokenVerifier(auth);
  const sign = createGatewaySigner(auth);
  return async (req) => {
    const authorization = req.get('authorization') || undefined;
    const caller = await verify(authorization);
    return { caller, authorization, signature: await sign(authorization) };
  };
}

/** Sets the headers of one subgraph call from the request's context. */
/** The part of a subgraph request the gateway sets headers on. */
interface SubgraphRequest {
  http?: { headers: { set(name: string, value: string): void } };
}

export function forwardCaller(request: SubgraphRequest, context: Partial<GatewayContext>): void {
  const headers = request.http?.headers;
  if (headers === undefined) return;
  // The request's id, so that the subgraph's log lines for this call carry it too.
  const requestId = currentRequestId();
  if (requestId !== undefined) headers.set(REQUEST_ID_HEADER, requestId);
  if (context.signature === undefined) return;
  if (context.authorization !== undefined) headers.set('authorization', context.authorization);
  headers.set(GATEWAY_SIGNATURE_HEADER, context.signature);
}

/** The fields an operation selects that anonymous callers may not read, as "Type.field". */
export function unpublishedSelections(schema: GraphQLSchema, document: DocumentNode, published: ReadonlySet<string>): string[] {
  const found = new Set<string>();
  const typeInfo = new TypeInfo(schema);
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Field(node) {
        const name = node.name.value;
        if (name.startsWith('__')) return; // __typename; introspection has its own switch
        const parent = typeInfo.getParentType();
        if (parent === null) return; // an unknown field: validation reports it
        const type = getNamedType(parent)!;
        if (type.name.startsWith('__')) return; // inside __schema / __type: introspection has its own switch
        if (isObjectType(type) && published.has(type.name)) return;
        if (!published.has(`${type.name}.${name}`)) found.add(`${type.name}.${name}`);
      },
    }),
  );
  return [...found].sort();
}

/**
 * Anonymous callers read the published, aggregated data only (plan item 4): an operation that
 * selects anything else is refused before planning, with the fields named. The subgraphs cannot
 * apply this rule themselves: the gateway fetches the inputs of a published aggregate (@requires)
 * under the caller's identity, and to a subgraph those look like any other selection.
 */
export function publishedOnlyForAnonymous(published: readonly string[]): ApolloServerPlugin<GatewayContext> {
  const coordinates = new Set(published);
  const deniedIn = perDocument((schema, document) => unpublishedSelections(schema, document, coordinates));
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ contextValue, document, schema }) {
          if (contextValue.caller.kind !== 'anonymous') return;
          const denied = deniedIn(schema, document);
          if (denied.length === 0) return;
          const shown = `${denied.slice(0, 5).join(', ')}${denied.length > 5 ? ` and ${denied.length - 5} more` : ''}`;
          throw new GraphQLError(`Sign in to read ${shown}: anonymous callers read the published, aggregated data only`, {
            extensions: { code: 'UNAUTHENTICATED', fields: denied, http: { status: 401 } },
          });
        },
      };
    },
  };
}
