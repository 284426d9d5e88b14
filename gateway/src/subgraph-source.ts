import { AsyncLocalStorage } from 'node:async_hooks';
import { type GraphQLDataSourceProcessOptions, RemoteGraphQLDataSource } from '@apollo/gateway';
import { ErrorCode, injectTraceContext, isPublicErrorCode } from '@soilgraph/server-kit';
import { BrokenCircuitError, type CircuitBreakerPolicy } from 'cockatiel';
import { getOperationAST, GraphQLError } from 'graphql';
import { forwardCaller, type GatewayContext } from './access.ts';
import { noteFailedCall } from './partial-failure.ts';
import type { SubgraphCallMetrics } from './subgraph-metrics.ts';

type FetchResponse = Parameters<RemoteGraphQLDataSource['didEncounterError']>[2];
type SubgraphResponse = Parameters<RemoteGraphQLDataSource['errorFromResponse']>[0];
type ProcessOptions = GraphQLDataSourceProcessOptions<GatewayContext>;
type ProcessResult = Awaited<ReturnType<RemoteGraphQLDataSource['process']>>;

interface SubgraphErrorBody {
  errors?: { message?: string; extensions?: Record<string, unknown> }[];
}

/**
 * Socket errors of a connection that broke off: with no response yet, nothing of the call can
 * have been answered (refused: nothing was even sent).
 */
const CONNECTION_FAILURES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'EAI_AGAIN']);

/**
 * The subgraph did not answer: SUBGRAPH_UNAVAILABLE or TIMEOUT. It counts against the subgraph's
 * circuit (circuit.ts); `beforeResponse` marks a connection that failed before any response,
 * the one failure a query is retried on.
 */
class SubgraphOutage extends GraphQLError {
  constructor(
    message: string,
    code: typeof ErrorCode.SUBGRAPH_UNAVAILABLE | typeof ErrorCode.TIMEOUT,
    agency: string,
    readonly beforeResponse: boolean,
    originalError?: Error,
  ) {
    super(message, { extensions: { code, serviceName: agency }, ...(originalError ? { originalError } : {}) });
  }
}

/** Whether a subgraph call reads only: a query (or a health check), never a mutation. */
function readsOnly(options: ProcessOptions): boolean {
  const document = 'document' in options ? options.document : undefined;
  const operation = document ? getOperationAST(document, options.request.operationName) : undefined;
  if (operation) return operation.operation === 'query';
  return /^\s*(query\b|\{)/.test(options.request.query ?? '');
}

/**
 * Calls one agency's subgraph. When the subgraph cannot be reached (refused, reset, or a
 * 502/503/504 from in front of it) the caller gets SUBGRAPH_UNAVAILABLE naming the agency,
 * instead of a transport error message; when it does not answer within `timeoutMs`, TIMEOUT.
 * A query whose connection fails before any response is sent once more, within the same
 * `timeoutMs`; a mutation never is (the subgraph may have received it), nor is a call that timed
 * out or got an HTTP error. Every call goes through the subgraph's circuit breaker, if given.
 */
export class AgencySubgraphSource extends RemoteGraphQLDataSource<GatewayContext> {
  /** The deadline of the call in progress, shared by its retry. */
  private readonly deadline = new AsyncLocalStorage<AbortSignal>();

  constructor(
    readonly agency: string,
    url: string,
    readonly timeoutMs: number,
    private readonly circuit?: CircuitBreakerPolicy,
    private readonly calls?: SubgraphCallMetrics,
  ) {
    super({ url });
    // Node's own fetch (undici, keep-alive): Apollo's default (make-fetch-happen over agent-base)
    // builds an Error and its source-mapped stack for every call, to tell http from https.
    // A subgraph that hangs would otherwise hold the caller, and the gateway's sockets, forever.
    this.fetcher = (input, init) => fetch(input, { ...init, body: init?.body as BodyInit | undefined, signal: this.deadline.getStore() ?? AbortSignal.timeout(timeoutMs) });
  }

  override async process(options: ProcessOptions): Promise<ProcessResult> {
    const started = performance.now();
    const took = () => (performance.now() - started) / 1000;
    try {
      const result = await this.deadline.run(AbortSignal.timeout(this.timeoutMs), () => this.throughCircuit(() => this.processWithRetry(options)));
      this.calls?.observe(this.agency, took(), result.errors?.length ? 'errors' : 'ok');
      return result;
    } catch (error) {
      this.calls?.observe(this.agency, took(), error instanceof GraphQLError ? String(error.extensions.code ?? 'error') : 'error');
      noteFailedCall(error, options);
      throw error;
    }
  }

  private async processWithRetry(options: ProcessOptions): Promise<ProcessResult> {
    try {
      return await super.process(options);
    } catch (error) {
      if (!(error instanceof SubgraphOutage && error.beforeResponse && readsOnly(options))) throw error;
      return super.process(options);
    }
  }

  /**
   * Runs a call through the circuit: an open circuit answers SUBGRAPH_UNAVAILABLE without
   * calling. Only outages count as failures: a call the subgraph answered with an error counts
   * as a success, and its error is thrown once past the circuit.
   */
  private async throughCircuit(call: () => Promise<ProcessResult>): Promise<ProcessResult> {
    if (this.circuit === undefined) return call();
    let outcome: { response: ProcessResult } | { error: unknown };
    try {
      outcome = await this.circuit.execute(async () => {
        try {
          return { response: await call() };
        } catch (error) {
          if (error instanceof SubgraphOutage) throw error;
          return { error };
        }
      });
    } catch (error) {
      if (error instanceof BrokenCircuitError) throw this.unavailable(false);
      throw error;
    }
    if ('error' in outcome) throw outcome.error;
    return outcome.response;
  }

  private unavailable(beforeResponse: boolean, originalError?: Error): SubgraphOutage {
    return new SubgraphOutage(`The ${this.agency} subgraph is unavailable; try again later`, ErrorCode.SUBGRAPH_UNAVAILABLE, this.agency, beforeResponse, originalError);
  }

  /** Passes the caller's token on, with the gateway's signature, so the subgraph verifies both. */
  override willSendRequest({ request, context }: Parameters<NonNullable<RemoteGraphQLDataSource<GatewayContext>['willSendRequest']>>[0]): void {
    forwardCaller(request, context);
    if (request.http) injectTraceContext(request.http.headers);
  }

  /**
   * A subgraph that refuses a request (HTTP 4xx, e.g. a scalar value it cannot parse) says
   * why in a GraphQL error body: pass its message and code on rather than "400: Bad Request".
   */
  override async errorFromResponse(response: SubgraphResponse): Promise<GraphQLError> {
    const body = (await this.parseBody(response)) as SubgraphErrorBody | string;
    const first = typeof body === 'object' ? body.errors?.[0] : undefined;
    if (first?.message && isPublicErrorCode(first.extensions?.code)) {
      return new GraphQLError(first.message, { extensions: { ...first.extensions, serviceName: this.agency } });
    }
    return new GraphQLError(`${response.status}: ${response.statusText}`, {
      extensions: { serviceName: this.agency, response: { status: response.status, body } },
    });
  }

  override didEncounterError(error: Error, _request: unknown, response?: FetchResponse): void {
    // The only signal on a subgraph call is the timeout's; it may fire while the body is read.
    if (error.name === 'AbortError' || error.name === 'TimeoutError') {
      throw new SubgraphOutage(`The ${this.agency} subgraph did not answer within ${this.timeoutMs} ms`, ErrorCode.TIMEOUT, this.agency, false, error);
    }
    const status = response?.status;
    // fetch reports a socket error as its cause ("fetch failed").
    const cause = (error as { cause?: { code?: unknown } }).cause;
    const connectionFailed = CONNECTION_FAILURES.has(String(cause?.code ?? (error as { code?: unknown }).code));
    if (response === undefined || connectionFailed || status === 502 || status === 503 || status === 504) {
      throw this.unavailable(response === undefined && connectionFailed, error);
    }
    throw error;
  }
}
