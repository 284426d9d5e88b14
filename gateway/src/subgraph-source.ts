import { RemoteGraphQLDataSource } from '@apollo/gateway';
import { ErrorCode, isPublicErrorCode } from '@soilgraph/server-kit';
import { GraphQLError } from 'graphql';
import { forwardCaller, type GatewayContext } from './access.ts';

type FetchResponse = Parameters<RemoteGraphQLDataSource['didEncounterError']>[2];
type SubgraphResponse = Parameters<RemoteGraphQLDataSource['errorFromResponse']>[0];

interface SubgraphErrorBody {
  errors?: { message?: string; extensions?: Record<string, unknown> }[];
}

/**
 * Calls one agency's subgraph. When the subgraph cannot be reached (refused, reset, or a
 * 502/503/504 from in front of it) the caller gets SUBGRAPH_UNAVAILABLE naming the agency,
 * instead of a transport error message; when it does not answer within `timeoutMs`, TIMEOUT.
 */
export class AgencySubgraphSource extends RemoteGraphQLDataSource<GatewayContext> {
  constructor(
    readonly agency: string,
    url: string,
    readonly timeoutMs: number,
  ) {
    super({ url });
    // A subgraph that hangs would otherwise hold the caller, and the gateway's sockets, forever.
    const fetcher = this.fetcher;
    this.fetcher = (input, init) => fetcher(input, { ...init, signal: AbortSignal.timeout(timeoutMs) });
  }

  /** Passes the caller's token on, with the gateway's signature, so the subgraph verifies both. */
  override willSendRequest({ request, context }: Parameters<NonNullable<RemoteGraphQLDataSource<GatewayContext>['willSendRequest']>>[0]): void {
    forwardCaller(request, context);
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
      throw new GraphQLError(`The ${this.agency} subgraph did not answer within ${this.timeoutMs} ms`, {
        extensions: { code: ErrorCode.TIMEOUT, serviceName: this.agency },
        originalError: error,
      });
    }
    const status = response?.status;
    if (response === undefined || status === 502 || status === 503 || status === 504) {
      throw new GraphQLError(`The ${this.agency} subgraph is unavailable; try again later`, {
        extensions: { code: ErrorCode.SUBGRAPH_UNAVAILABLE, serviceName: this.agency },
        originalError: error,
      });
    }
    throw error;
  }
}
