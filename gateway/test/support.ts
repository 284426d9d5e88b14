import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { authConfigFromEnv, authEnvSchema } from '@soilgraph/auth';
import { readSupergraph, SUBGRAPHS } from '@soilgraph/schema';
import { createLogger, type RunningHttpService } from '@soilgraph/server-kit';
import type { GraphQLFormattedError } from 'graphql';
import { loadGatewayConfig } from '../src/config.ts';
import { startGateway } from '../src/server.ts';

/** Nothing listens on port 9 (discard) here: every subgraph call is refused. */
export const unreachableSubgraphs: Record<string, string> = Object.fromEntries(SUBGRAPHS.map(({ name }) => [name, `http://127.0.0.1:9/${name}`]));

/**
 * A real gateway over HTTP on a free port, configured the way the process is: from
 * environment variables (MAX_COST=..., BODY_LIMIT=..., TRUSTED_DOCUMENTS=...).
 */
export function gatewayFromEnv(env: Record<string, string> = {}, subgraphUrls = unreachableSubgraphs): Promise<RunningHttpService> {
  const config = loadGatewayConfig(env);
  return startGateway({
    supergraphSdl: readSupergraph(),
    subgraphUrls,
    auth: authConfigFromEnv(authEnvSchema.parse({})),
    host: '127.0.0.1',
    port: 0,
    logger: createLogger('gateway', 'silent'),
    limits: config.limits,
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

/** A stand-in subgraph: answers every request with `handle` (plain HTTP, no GraphQL server). */
export async function fakeSubgraph(
  handle: (body: { query: string }, res: ServerResponse) => void | Promise<void>,
): Promise<{ url: string; close(): Promise<void> }> {
  const server = createServer(async (req: IncomingMessage, res) => {
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
