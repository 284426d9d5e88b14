import { RemoteGraphQLDataSource } from '@apollo/gateway';
import { ErrorCode } from '@soilgraph/server-kit';
import { GraphQLError } from 'graphql';

type FetchResponse = Parameters<RemoteGraphQLDataSource['didEncounterError']>[2];

/**
 * Calls one agency's subgraph. When the subgraph cannot be reached (refused, reset,
 * timed out, or a 502/503/504 from in front of it) the caller gets SUBGRAPH_UNAVAILABLE
 * naming the agency, instead of a transport error message.
 */
export class AgencySubgraphSource extends RemoteGraphQLDataSource {
  constructor(
    readonly agency: string,
    url: string,
  ) {
    super({ url });
  }

  override didEncounterError(error: Error, _request: unknown, response?: FetchResponse): void {
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
