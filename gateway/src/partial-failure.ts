import type { ApolloGateway, GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { ApolloServerOptionsWithGateway } from '@apollo/server';
import { type DocumentNode, getOperationAST, GraphQLError, Kind, parse, type SelectionSetNode, visit } from 'graphql';
import type { GatewayContext } from './access.ts';

/*
 * When a whole subgraph call fails (the subgraph is down, too slow, or its circuit is open), the
 * gateway still answers every field the other subgraphs could fill in, and leaves the failed
 * call's fields null. @apollo/gateway reports such a failure as one error without a `path`, so a
 * client could not tell which nulls are missing data and which are real nulls. This module puts
 * the paths back: the data source notes, for each error it throws, where the call's answer was to
 * go (the position in the response and the fields asked there); once the gateway has shaped its
 * response, the error is given the path of every field of that call the response shows, one
 * error per path, as GraphQL requires.
 */

type ResponsePath = (string | number)[];

/** Where a failed subgraph call's answer was to go. */
interface FailedCall {
  /** The position of the call in the response: [] for root fields, else e.g. ["parcels", "edges", "@", "node"] ("@": each item of a list). */
  at: readonly (string | number)[];
  /** The response names (alias or field name) the call asked for at that position. */
  fields: readonly string[];
}

const failedCalls = new WeakMap<object, FailedCall>();

/** At most this many paths are named per failed call; the last error counts the rest (extensions.omittedPaths). */
const MAX_PATHS_PER_CALL = 100;

/** The response names of a selection set's fields, looking through inline fragments (entity calls select `... on Parcel { … }`). */
function responseNames(selectionSet: SelectionSetNode): string[] {
  const names = new Set<string>();
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      if (selection.name.value !== '__typename') names.add(selection.alias?.value ?? selection.name.value);
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      for (const name of responseNames(selection.selectionSet)) names.add(name);
    }
  }
  return [...names];
}

/**
 * Notes where the answer of a subgraph call that threw `error` was to go (called by the data
 * source). Errors that already carry a path, and calls not made for a client's operation
 * (health checks), are left alone.
 */
export function noteFailedCall(error: unknown, options: GraphQLDataSourceProcessOptions<GatewayContext>): void {
  if (typeof error !== 'object' || error === null || (error instanceof GraphQLError && error.path !== undefined)) return;
  if (!('pathInIncomingRequest' in options) || options.pathInIncomingRequest === undefined) return;
  let operation;
  try {
    const document = options.document ?? parse(options.request.query ?? '');
    operation = getOperationAST(document, options.request.operationName);
  } catch {
    return;
  }
  if (!operation) return;
  // An entity call asks `_entities(representations: …) { … on Type { fields } }` of the entities at its position.
  const entities = operation.selectionSet.selections.find((s) => s.kind === Kind.FIELD && s.name.value === '_entities');
  const selectionSet = entities?.kind === Kind.FIELD && entities.selectionSet ? entities.selectionSet : operation.selectionSet;
  failedCalls.set(error, { at: options.pathInIncomingRequest, fields: responseNames(selectionSet) });
}

/** Every response name the client's operation selects, anywhere (its fragments included). */
function selectedNames(document: DocumentNode): Set<string> {
  const names = new Set<string>();
  visit(document, {
    Field(node) {
      names.add(node.alias?.value ?? node.name.value);
    },
  });
  return names;
}

/**
 * The paths, in the shaped response `data`, of the fields a failed call was to fill in. Root
 * fields are named whatever their value. Below the root, a field is named where the response
 * has its entity and the field (a field the call fetched only for the gateway's own use is not in
 * the response). Where a failed non-null field made its entity null, the call's fields that the
 * client's operation selects (by name) are named, as GraphQL names the field that failed, not the
 * null it left;
 * where the nulls reach above the entities, the nulls are named (the root field, if data is null).
 */
function failedPaths(data: unknown, { at, fields }: FailedCall, selected: () => Set<string>): ResponsePath[] {
  if (at.length === 0) return fields.map((field) => [field]);
  const found: ResponsePath[] = [];
  const nulls: ResponsePath[] = [];
  const walk = (value: unknown, rest: readonly (string | number)[], path: ResponsePath): void => {
    if (rest.length === 0) {
      if (value === null) for (const field of fields) if (selected().has(field)) found.push([...path, field]);
      if (typeof value === 'object' && value !== null && !Array.isArray(value)) for (const field of fields) if (field in value) found.push([...path, field]);
      return;
    }
    if (value === null && path.length > 0) nulls.push(path);
    if (typeof value !== 'object' || value === null) return;
    const [head, ...tail] = rest;
    if (head === '@') {
      if (Array.isArray(value)) value.forEach((item, index) => walk(item, tail, [...path, index]));
    } else if (!Array.isArray(value)) {
      walk((value as Record<string | number, unknown>)[head!], tail, [...path, head!]);
    }
  };
  walk(data, at, []);
  if (found.length > 0) return found;
  if (nulls.length > 0) return nulls;
  // The nulls reached the root (data is null): name the root field the call was under.
  return typeof at[0] === 'string' ? [[at[0]]] : [];
}

type ExecutionResult = Awaited<ReturnType<Awaited<ReturnType<ApolloGateway['load']>>['executor']>>;

/** The result with each failed call's error repeated for every path it left null. */
function withFailedPaths(result: ExecutionResult, document: DocumentNode | undefined): ExecutionResult {
  if (result.errors === undefined || !result.errors.some((error) => failedCalls.has(error))) return result;
  let names: Set<string> | undefined;
  const selected = () => (names ??= document === undefined ? new Set() : selectedNames(document));
  const errors = result.errors.flatMap((error) => {
    const call = failedCalls.get(error);
    const paths = call === undefined ? [] : failedPaths(result.data, call, selected);
    if (paths.length === 0) return [error];
    const shown = paths.slice(0, MAX_PATHS_PER_CALL);
    // A plain Error thrown by the data source (no extensions) stays an internal error, masked by formatError.
    const { message, extensions } = error as { message: string; extensions?: Record<string, unknown> };
    const originalError = error instanceof GraphQLError ? (error.originalError ?? error) : (error as Error);
    return shown.map(
      (path, index) =>
        new GraphQLError(message, {
          path,
          originalError,
          extensions: index === shown.length - 1 && paths.length > shown.length ? { ...extensions, omittedPaths: paths.length - shown.length } : extensions,
        }),
    );
  });
  return { ...result, errors };
}

type GatewayInterface = ApolloServerOptionsWithGateway<GatewayContext>['gateway'];

/** The gateway for Apollo Server, its executor giving failed subgraph calls' errors their paths. */
export function withFailedCallPaths(gateway: ApolloGateway): GatewayInterface {
  return {
    async load(options) {
      const { schema, executor } = await gateway.load(options);
      return { schema, executor: async (requestContext) => withFailedPaths(await executor(requestContext), requestContext.document) };
    },
    onSchemaLoadOrUpdate: (callback) => gateway.onSchemaLoadOrUpdate(callback),
    stop: () => gateway.stop(),
  };
}
