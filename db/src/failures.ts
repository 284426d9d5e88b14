/*
 * Which failures of a query are the database's state rather than a fault in the query: the
 * server cannot be reached (down, restarting, refusing connections), the pool had no connection
 * free within its wait (connectionWaitMs), or the server cancelled a statement that ran past
 * statement_timeout. A service reports these to its caller as such (server-kit's
 * databaseErrorOf) and recovers by itself once the database does: the pool opens new connections
 * on the next query.
 */

/** `unavailable`: the server cannot be reached; `busy`: no pooled connection came free in time; `timeout`: a statement was cancelled after statement_timeout. */
export type DatabaseFailure = 'unavailable' | 'busy' | 'timeout';

/** Socket errors of a server that is down, restarting or unreachable. */
const UNREACHABLE_ERRNOS = new Set(['ECONNREFUSED', 'ECONNRESET', 'ECONNABORTED', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);

/** SQLSTATEs of a server that is going away or not accepting connections (class 08: connection exception). */
const UNAVAILABLE_SQLSTATES = new Set(['57P01', '57P02', '57P03']);

/** node-postgres and pg-pool report these as plain Errors, known only by their messages. */
const UNAVAILABLE_MESSAGES = [
  'Connection terminated unexpectedly',
  'Connection terminated due to connection timeout',
  'Connection terminated',
  'Client has encountered a connection error and is not queryable',
  'Cannot use a pool after calling end on the pool',
];
/** pg-pool's error when every connection stayed busy for connectionTimeoutMillis. */
const POOL_WAIT_TIMEOUT = 'timeout exceeded when trying to connect';

/** The errors behind an error: drizzle wraps the driver's error as `cause`; a failed connect to several addresses is an AggregateError. */
function* chain(error: unknown, depth = 0): Generator<unknown> {
  if (error === null || typeof error !== 'object' || depth > 8) return;
  yield error;
  const { cause, errors, originalError } = error as { cause?: unknown; errors?: unknown; originalError?: unknown };
  if (originalError !== undefined) yield* chain(originalError, depth + 1);
  if (cause !== undefined) yield* chain(cause, depth + 1);
  if (Array.isArray(errors)) for (const inner of errors) yield* chain(inner, depth + 1);
}

/** Classifies a failed query's error (GraphQL's, drizzle's or the driver's); undefined when it is not about the database's availability. */
export function databaseFailure(error: unknown): DatabaseFailure | undefined {
  for (const e of chain(error)) {
    const { code, message } = e as { code?: unknown; message?: unknown };
    if (message === POOL_WAIT_TIMEOUT) return 'busy';
    // too_many_connections: the server is at max_connections, the same back-pressure one level down.
    if (code === '53300') return 'busy';
    // query_canceled: statement_timeout (nothing else in SoilGraph cancels statements).
    if (code === '57014') return 'timeout';
    if (typeof code === 'string' && (UNREACHABLE_ERRNOS.has(code) || UNAVAILABLE_SQLSTATES.has(code) || code.startsWith('08'))) return 'unavailable';
    if (typeof message === 'string' && UNAVAILABLE_MESSAGES.includes(message)) return 'unavailable';
  }
  return undefined;
}

/** The innermost message of an error chain, e.g. "connect ECONNREFUSED 127.0.0.1:5432", for logs and /readyz. */
export function rootMessage(error: unknown): string {
  let message = String((error as { message?: unknown })?.message ?? error);
  for (const e of chain(error)) {
    const own = (e as { message?: unknown }).message;
    if (typeof own === 'string' && own !== '') message = own;
  }
  return message;
}
