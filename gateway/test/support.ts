import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import net, { type AddressInfo } from 'node:net';
import { agencyScopes, authConfigFromEnv, authEnvSchema, mintToken } from '@soilgraph/auth';
import { readSupergraph, SUBGRAPHS } from '@soilgraph/schema';
import { createLogger, DATA_VERSION_PATH, type Logger, type RunningHttpService } from '@soilgraph/server-kit';
import type { GraphQLFormattedError } from 'graphql';
import { loadGatewayConfig } from '../src/config.ts';
import { startGateway } from '../src/server.ts';

/** Nothing listens on port 9 (discard) here: every subgraph call is refused. */
export const unreachableSubgraphs: Record<string, string> = Object.fromEntries(SUBGRAPHS.map(({ name }) => [name, `http://127.0.0.1:9/${name}`]));

/**
 * A real gateway over HTTP on a free port, configured the way the process is: from
 * environment variables (MAX_COST=..., BODY_LIMIT=..., TRUSTED_DOCUMENTS=..., SUPERGRAPH_PATH=..., CORS_ORIGINS=...).
 */
export function gatewayFromEnv(
  env: Record<string, string> = {},
  subgraphUrls = unreachableSubgraphs,
  logger: Logger = createLogger('gateway', 'silent'),
): Promise<RunningHttpService> {
  const config = loadGatewayConfig(env);
  return startGateway({
    ...(config.supergraphPath === undefined
      ? { supergraphSdl: readSupergraph() }
      : { supergraphFile: { path: config.supergraphPath, pollIntervalMs: config.supergraphPollIntervalMs } }),
    subgraphUrls,
    auth: authConfigFromEnv(authEnvSchema.parse({})),
    host: '127.0.0.1',
    port: 0,
    logger,
    limits: config.limits,
    circuitBreaker: config.circuitBreaker,
    shutdownTimeoutMs: config.shutdownTimeoutMs,
    corsOrigins: config.corsOrigins,
    responseCacheMb: config.responseCacheMb,
    ...(config.trustedDocuments === undefined ? {} : { trustedDocuments: config.trustedDocuments }),
  });
}

export interface Answer {
  status: number;
  contentType: string;
  text: string;
  data?: Record<string, unknown> | null;
  errors?: GraphQLFormattedError[];
}

/** Sends one HTTP request and reads the answer, whatever its content type. */
export async function send(url: string, init: RequestInit = {}): Promise<Answer> {
  const response = await fetch(url, init);
  const text = await response.text();
  const contentType = response.headers.get('content-type') ?? '';
  const body = contentType.includes('json') ? (JSON.parse(text) as Pick<Answer, 'data' | 'errors'>) : {};
  return { status: response.status, contentType, text, ...body };
}

/** POSTs a JSON body, as a GraphQL client does. */
export function post(url: string, body: unknown, headers: Record<string, string> = {}): Promise<Answer> {
  return send(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
}

/** The one error of a refused request; fails on anything else, and on a leaked stack trace. */
export function refusal(answer: Answer): GraphQLFormattedError {
  if (answer.errors?.length !== 1) throw new Error(`expected one error, got ${answer.status} ${answer.text}`);
  if (answer.data != null) throw new Error(`a refused request has no data: ${answer.text}`);
  if (/stacktrace|\n\s+at /.test(answer.text)) throw new Error(`the answer leaks a stack trace: ${answer.text}`);
  return answer.errors[0]!;
}

/**
 * A stand-in subgraph: answers every GraphQL request with `handle` (plain HTTP, no GraphQL server).
 * It has no data version (GET /data-version: 404), so the gateway keeps none of its answers,
 * unless it is given one.
 */
export async function fakeSubgraph(
  handle: (body: { query: string }, res: ServerResponse) => void | Promise<void>,
  { dataVersion }: { dataVersion?: () => string | Promise<string> } = {},
): Promise<{ url: string; close(): Promise<void> }> {
  const server = createServer(async (req: IncomingMessage, res) => {
    if (req.method === 'GET') {
      if (dataVersion !== undefined && req.url === DATA_VERSION_PATH) {
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ version: await dataVersion() }));
        return;
      }
      res.statusCode = 404;
      res.end();
      return;
    }
    let raw = '';
    for await (const chunk of req) raw += chunk;
    await handle(JSON.parse(raw) as { query: string }, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The headers of a signed-in planning caller (the development secret), for fields anonymous callers may not read. */
export async function signedIn(): Promise<Record<string, string>> {
  const token = await mintToken(authConfigFromEnv(authEnvSchema.parse({})), {
    agency: 'planning',
    subject: 'test:planning',
    scopes: agencyScopes('planning'),
    expiresIn: '1h',
  });
  return { authorization: `Bearer ${token}` };
}

/** A stand-in subgraph that answers every request with `data`, after `delayMs`; counts the requests. */
export async function answeringSubgraph(data: unknown, delayMs = 0): Promise<{ url: string; requests: () => number; close(): Promise<void> }> {
  let requests = 0;
  const subgraph = await fakeSubgraph(async (_body, res) => {
    requests += 1;
    if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ data }));
  });
  return { ...subgraph, requests: () => requests };
}

export interface FlakySubgraph {
  url: string;
  /** TCP connections opened so far, reset or not. */
  connections(): number;
  /** Requests answered so far. */
  requests(): number;
  close(): Promise<void>;
}

/**
 * A stand-in subgraph whose connections break: `reset(n)` says whether the n-th connection (from 1)
 * is reset as soon as it opens, before any response; the others are answered by `handle`.
 */
export async function flakySubgraph(
  reset: (connection: number) => boolean,
  handle: (body: { query: string }, res: ServerResponse) => void | Promise<void>,
): Promise<FlakySubgraph> {
  let connections = 0;
  let requests = 0;
  const sockets = new Set<net.Socket>();
  const http = createServer(async (req: IncomingMessage, res) => {
    let raw = '';
    for await (const chunk of req) raw += chunk;
    requests += 1;
    await handle(JSON.parse(raw) as { query: string }, res);
  });
  const tcp = net.createServer((socket) => {
    connections += 1;
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
    if (reset(connections)) socket.resetAndDestroy();
    else http.emit('connection', socket);
  });
  await new Promise<void>((resolve) => tcp.listen(0, '127.0.0.1', resolve));
  const { port } = tcp.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    connections: () => connections,
    requests: () => requests,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        tcp.close(() => resolve());
      }),
  };
}

export interface LogLine {
  level: number;
  msg: string;
  [key: string]: unknown;
}

/** A gateway logger at `info` whose JSON lines are kept in `lines`. */
export function capturingLogger(): { logger: Logger; lines: LogLine[] } {
  const lines: LogLine[] = [];
  const logger = createLogger('gateway', 'info', { write: (line: string) => void lines.push(JSON.parse(line) as LogLine) });
  return { logger, lines };
}
