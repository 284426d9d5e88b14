import type { AddressInfo } from 'node:net';
import { createServer, type Server } from 'node:http';
import type { ApolloServer, ApolloServerPlugin, BaseContext } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { expressMiddleware } from '@as-integrations/express5';
import express, { type ErrorRequestHandler, type Express, type Request } from 'express';
import type { Registry } from 'prom-client';
import { ErrorCode } from './errors.ts';
import type { Logger } from './logger.ts';
import { createMetrics } from './metrics.ts';
import { requestIds } from './request-id.ts';
import { traceRequests } from './tracing.ts';

export interface HttpServiceOptions<TContext extends BaseContext> {
  /** The service's name, e.g. "gateway" or "water": the `service` label of its metrics. */
  service: string;
  /** Builds the Apollo server; it receives the drain plugin it must install. */
  createServer: (httpServer: Server) => ApolloServer<TContext>;
  /** Builds the per-request context from the HTTP request (its headers carry the caller). */
  context: (req: Request) => Promise<TContext>;
  host: string;
  /** 0 picks a free port. */
  port: number;
  logger: Logger;
  /** Largest request body accepted, e.g. "1mb"; default DEFAULT_BODY_LIMIT. */
  bodyLimit?: string;
  /** Extra routes mounted before /graphql (the explorer). */
  routes?: (app: Express) => void;
  /** Reports readiness on /readyz; a failing check answers 503 with its reason. (/healthz only says the process is alive.) */
  readiness?: () => Promise<void>;
  /** Registers the service's own metrics (a subgraph's database pool) beside the common ones on /metrics. */
  metrics?: (registry: Registry) => void;
  /** How long close() lets requests in flight finish before it closes their connections; default DEFAULT_SHUTDOWN_TIMEOUT_MS. */
  shutdownTimeoutMs?: number;
}

/** How long a closing service lets requests in flight finish (SHUTDOWN_TIMEOUT_MS). */
export const DEFAULT_SHUTDOWN_TIMEOUT_MS = 10_000;

/**
 * The largest request body: a mutation's batch of 5,000 samples with ten measurements each is
 * about 5 MB of JSON; a larger body is refused with 413 before it is parsed.
 */
export const DEFAULT_BODY_LIMIT = '16mb';

/**
 * Answers a body express cannot read (over the limit, malformed JSON, an unknown charset) with
 * a GraphQL error in JSON, as a GraphQL client expects, instead of express's HTML error page.
 */
function bodyErrors(limit: string): ErrorRequestHandler {
  return (error, _req, res, next) => {
    // body-parser's errors carry a `type` ("entity.too.large", "entity.parse.failed", ...).
    const { type, status, expose, message } = error as { type?: unknown; status?: number; expose?: boolean; message?: string };
    if (typeof type !== 'string' || typeof status !== 'number' || status >= 500 || res.headersSent) {
      next(error);
      return;
    }
    const tooLarge = type === 'entity.too.large';
    res.status(status).json({
      errors: [
        {
          message: tooLarge ? `The request body is larger than the limit of ${limit}` : expose ? message : 'The request body cannot be read',
          extensions: { code: tooLarge ? ErrorCode.PAYLOAD_TOO_LARGE : 'BAD_REQUEST' },
        },
      ],
    });
  };
}

/** Where a subgraph serves its agency's data version (service.ts), which the gateway's response cache reads. */
export const DATA_VERSION_PATH = '/data-version';

/** Another route of the service whose GraphQL endpoint is `graphqlUrl`, e.g. routeOf(url, '/readyz'). */
export function routeOf(graphqlUrl: string, path: string): string {
  return graphqlUrl.replace(/\/graphql$/, path);
}

export interface RunningHttpService {
  url: string;
  port: number;
  close(): Promise<void>;
}

/** Serves an Apollo server over HTTP at /graphql, with /healthz, /readyz and /metrics (Prometheus); closes gracefully. */
export async function startHttpService<TContext extends BaseContext>(
  options: HttpServiceOptions<TContext>,
): Promise<RunningHttpService> {
  const app = express();
  app.disable('x-powered-by');
  // Express hashes every body it sends (res.send) into a weak ETag; a GraphQL POST answer is never
  // revalidated, so that was a SHA-1 of each answer for nothing (a page of samples is 100 kB).
  app.disable('etag');
  app.use(requestIds(options.logger));
  app.use('/graphql', traceRequests());
  const httpServer = createServer(app);
  const apollo = options.createServer(httpServer);
  // On close: stop listening, close idle keep-alive connections, let requests in flight finish
  // (each answer is sent, then its connection closed), and after the timeout close what is left.
  const shutdownTimeoutMs = options.shutdownTimeoutMs ?? DEFAULT_SHUTDOWN_TIMEOUT_MS;
  apollo.addPlugin(ApolloServerPluginDrainHttpServer({ httpServer, stopGracePeriodMillis: shutdownTimeoutMs }));
  const metrics = createMetrics(options.service);
  apollo.addPlugin(metrics.plugin as ApolloServerPlugin<TContext>);
  options.metrics?.(metrics.registry);
  let inFlight = 0;
  app.use((_req, res, next) => {
    inFlight += 1;
    res.once('close', () => (inFlight -= 1));
    next();
  });
  await apollo.start();

  app.get('/metrics', async (_req, res) => {
    res.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  });
  // Liveness: the process answers. Readiness: it can do its work (its checks pass).
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', async (_req, res) => {
    try {
      await options.readiness?.();
      res.json({ status: 'ready' });
    } catch (error) {
      res.status(503).json({ status: 'unavailable', reason: (error as Error).message });
    }
  });
  options.routes?.(app);
  app.use(
    '/graphql',
    express.json({ limit: options.bodyLimit ?? DEFAULT_BODY_LIMIT }),
    expressMiddleware(apollo, { context: ({ req }) => options.context(req) }),
  );
  app.use(bodyErrors(options.bodyLimit ?? DEFAULT_BODY_LIMIT));

  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(options.port, options.host, () => resolve());
  });
  const { port } = httpServer.address() as AddressInfo;
  const shownHost = options.host === '0.0.0.0' || options.host === '::' ? 'localhost' : options.host;
  const url = `http://${shownHost}:${port}/graphql`;
  options.logger.info({ url }, 'listening');
  return {
    url,
    port,
    close: async () => {
      const started = Date.now();
      options.logger.info({ inFlight, shutdownTimeoutMs }, 'closing: no new connections; letting requests in flight finish');
      await apollo.stop();
      const ms = Date.now() - started;
      if (ms >= shutdownTimeoutMs) options.logger.warn({ ms }, 'closed after the shutdown timeout: requests still in flight lost their connections unanswered');
      else options.logger.info({ ms }, 'closed');
    },
  };
}
