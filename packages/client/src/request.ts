import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { type DocumentNode, getOperationAST, print } from 'graphql';

/** Where and as whom to send an operation. */
export interface RequestOptions {
  /** The gateway's GraphQL endpoint, e.g. http://localhost:4000/graphql. */
  url: string;
  /** A JWT (`pnpm token <agency>` in development); none: anonymous, the published figures only. */
  token?: string | undefined;
  /** More headers, e.g. `x-request-id` to follow the request through the services' logs. */
  headers?: Record<string, string>;
  signal?: AbortSignal;
  /** A fetch of your own (proxies, tests); the global fetch by default. */
  fetch?: typeof fetch;
}

/**
 * The `extensions.code` values the gateway and the subgraphs answer with (docs/integrators.md,
 * "Errors"), and any other string a future version may add.
 */
export type SoilGraphErrorCode =
  | 'BAD_USER_INPUT'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'SUBGRAPH_UNAVAILABLE'
  | 'DATABASE_UNAVAILABLE'
  | 'DATABASE_BUSY'
  | 'TIMEOUT'
  | 'COST_ESTIMATED_TOO_EXPENSIVE'
  | 'PAYLOAD_TOO_LARGE'
  | 'GRAPHQL_PARSE_FAILED'
  | 'GRAPHQL_VALIDATION_FAILED'
  | 'BAD_REQUEST'
  | 'PERSISTED_QUERY_NOT_FOUND'
  | 'INTERNAL_SERVER_ERROR'
  | (string & {});

/** Codes that describe a passing condition: the same request may succeed when sent again a little later. */
export const RETRYABLE_CODES: ReadonlySet<string> = new Set(['SUBGRAPH_UNAVAILABLE', 'DATABASE_UNAVAILABLE', 'DATABASE_BUSY', 'TIMEOUT']);

/** One GraphQL error of an answer. */
export interface SoilGraphErrorDetail {
  message: string;
  /** `extensions.code`; undefined when the answer was not GraphQL at all (e.g. a proxy's 502 page). */
  code: SoilGraphErrorCode | undefined;
  /** The response path of the field that failed; undefined for errors of the whole request. */
  path: readonly (string | number)[] | undefined;
  /** All of `extensions`: e.g. `argumentPath` (BAD_USER_INPUT), `cost` and `maxCost`, `serviceName`. */
  extensions: Readonly<Record<string, unknown>>;
}

/**
 * An answer that carried GraphQL errors (or was no GraphQL answer). `data` holds what the answer
 * had besides the errors: with a FORBIDDEN field the rest of the answer stands.
 */
export class SoilGraphError<TData = unknown> extends Error {
  override readonly name = 'SoilGraphError';

  constructor(
    /** The HTTP status (200 for field errors; 400, 401, 413 … for refused requests). */
    readonly status: number,
    readonly errors: readonly SoilGraphErrorDetail[],
    /** The partial data, when the answer had any. */
    readonly data: TData | null | undefined,
    readonly operationName: string | undefined,
  ) {
    super(`${operationName ?? 'operation'} failed: ${errors.map(describe).join('; ')}`);
  }

  /** Every distinct code of the errors. */
  get codes(): SoilGraphErrorCode[] {
    return [...new Set(this.errors.flatMap((e) => (e.code === undefined ? [] : [e.code])))];
  }

  hasCode(code: SoilGraphErrorCode): boolean {
    return this.errors.some((e) => e.code === code);
  }

  /** True when every error is of a passing kind (RETRYABLE_CODES), so sending the request again may succeed. */
  get retryable(): boolean {
    return this.errors.length > 0 && this.errors.every((e) => e.code !== undefined && RETRYABLE_CODES.has(e.code));
  }
}

function describe(error: SoilGraphErrorDetail): string {
  const at = error.path === undefined ? '' : ` at ${error.path.join('.')}`;
  return `${error.code ?? 'ERROR'}${at}: ${error.message}`;
}

const printed = new WeakMap<DocumentNode, { query: string; operationName: string | undefined }>();

function source(document: DocumentNode): { query: string; operationName: string | undefined } {
  let entry = printed.get(document);
  if (entry === undefined) {
    entry = { query: print(document), operationName: getOperationAST(document)?.name?.value };
    printed.set(document, entry);
  }
  return entry;
}

interface GraphQLBody {
  data?: unknown;
  errors?: readonly { message?: unknown; path?: unknown; extensions?: Record<string, unknown> }[];
}

function detail(error: NonNullable<GraphQLBody['errors']>[number]): SoilGraphErrorDetail {
  const extensions = error.extensions ?? {};
  return {
    message: typeof error.message === 'string' ? error.message : String(error.message),
    code: typeof extensions.code === 'string' ? extensions.code : undefined,
    path: Array.isArray(error.path) ? (error.path as (string | number)[]) : undefined,
    extensions,
  };
}

/**
 * Sends one operation of src/generated/graphql.ts (or any TypedDocumentNode) to the gateway
 * and returns its data, typed. Throws a SoilGraphError when the answer carries errors, with the
 * errors' codes and paths and the partial data; network failures reject as fetch's do.
 */
export async function request<TData, TVariables extends Record<string, unknown>>(
  document: TypedDocumentNode<TData, TVariables>,
  variables: TVariables,
  options: RequestOptions,
): Promise<TData> {
  const { query, operationName } = source(document);
  const response = await (options.fetch ?? fetch)(options.url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/graphql-response+json, application/json',
      ...(options.token === undefined ? {} : { authorization: `Bearer ${options.token}` }),
      ...options.headers,
    },
    body: JSON.stringify({ query, variables, operationName }),
    ...(options.signal === undefined ? {} : { signal: options.signal }),
  });
  const text = await response.text();
  let body: GraphQLBody | undefined;
  try {
    body = JSON.parse(text) as GraphQLBody;
  } catch {
    body = undefined;
  }
  if (body === undefined || typeof body !== 'object' || body === null || (!('data' in body) && !Array.isArray(body.errors))) {
    const message = `HTTP ${response.status} ${response.statusText}: not a GraphQL answer: ${text.slice(0, 200)}`;
    throw new SoilGraphError<TData>(response.status, [{ message, code: undefined, path: undefined, extensions: {} }], undefined, operationName);
  }
  const data = body.data as TData | null | undefined;
  if (body.errors !== undefined && body.errors.length > 0) {
    throw new SoilGraphError<TData>(response.status, body.errors.map(detail), data, operationName);
  }
  if (data === undefined || data === null) {
    const message = `HTTP ${response.status}: the answer has neither data nor errors`;
    throw new SoilGraphError<TData>(response.status, [{ message, code: undefined, path: undefined, extensions: {} }], data, operationName);
  }
  return data;
}
