import { databaseFailure } from '@soilgraph/db';
import { GraphQLError } from 'graphql';

/** The `extensions.code` values SoilGraph uses (design.md, "The contract"). */
export const ErrorCode = {
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  FORBIDDEN: 'FORBIDDEN',
  NOT_FOUND: 'NOT_FOUND',
  CONFLICT: 'CONFLICT',
  SUBGRAPH_UNAVAILABLE: 'SUBGRAPH_UNAVAILABLE',
  /** The agency's database cannot be reached (down, restarting); the service recovers by itself when it returns. */
  DATABASE_UNAVAILABLE: 'DATABASE_UNAVAILABLE',
  /** Every connection of the service's pool stayed busy for DB_POOL_WAIT_MS: the request was refused rather than queued. */
  DATABASE_BUSY: 'DATABASE_BUSY',
  TIMEOUT: 'TIMEOUT',
  COST_ESTIMATED_TOO_EXPENSIVE: 'COST_ESTIMATED_TOO_EXPENSIVE',
  PAYLOAD_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  INTERNAL_SERVER_ERROR: 'INTERNAL_SERVER_ERROR',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** Codes whose messages are written for the caller and may leave a service as they are. */
const PUBLIC_CODES = new Set<string>([
  ErrorCode.BAD_USER_INPUT,
  ErrorCode.UNAUTHENTICATED,
  ErrorCode.FORBIDDEN,
  ErrorCode.NOT_FOUND,
  ErrorCode.CONFLICT,
  ErrorCode.SUBGRAPH_UNAVAILABLE,
  ErrorCode.DATABASE_UNAVAILABLE,
  ErrorCode.DATABASE_BUSY,
  ErrorCode.TIMEOUT,
  ErrorCode.COST_ESTIMATED_TOO_EXPENSIVE,
  ErrorCode.PAYLOAD_TOO_LARGE,
  // graphql-js and Apollo Server's own request errors
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
]);

export function isPublicErrorCode(code: unknown): boolean {
  return typeof code === 'string' && PUBLIC_CODES.has(code);
}

/**
 * A caller's argument was wrong. `argumentPath` names the offending input, e.g.
 * `["filter", "districtCode"]`, so a client can point at the field.
 */
export function badUserInput(message: string, argumentPath: readonly (string | number)[]): GraphQLError {
  return new GraphQLError(message, {
    extensions: { code: ErrorCode.BAD_USER_INPUT, argumentPath: [...argumentPath] },
  });
}

/**
 * What the caller is told when a query failed because of the state of the agency's database
 * rather than a fault (db/src/failures.ts): its code and a message naming the database, with no
 * driver detail. Undefined for any other error.
 */
export function databaseErrorOf(error: unknown, agency: string): { message: string; code: ErrorCode } | undefined {
  switch (databaseFailure(error)) {
    case 'unavailable':
      return {
        code: ErrorCode.DATABASE_UNAVAILABLE,
        message: `The ${agency} database is unavailable; try again later (resubmitting a batch is safe: rows are upserted by externalId)`,
      };
    case 'busy':
      return { code: ErrorCode.DATABASE_BUSY, message: `The ${agency} database is busy: no connection came free in time, nothing was done; try again shortly` };
    case 'timeout':
      return { code: ErrorCode.TIMEOUT, message: `The ${agency} database cancelled a statement that ran too long; narrow the request or try again later` };
    default:
      return undefined;
  }
}
