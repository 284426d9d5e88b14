import type { AddressInfo } from 'node:net';
import { createServer, type Server } from 'node:http';
import type { ApolloServer, BaseContext } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { expressMiddleware } from '@as-integrations/express5';
import express, { type Express } from 'express';
import type { Logger } from './logger.ts';

export interface HttpServiceOptions<TContext extends BaseContext> {
  /** Builds the Apollo server; it receives the drain plugin it must install. */
  createServer: (httpServer: Server) => ApolloServer<TContext>;
  context: () => Promise<TContext>;
  host: string;
  /** 0 picks a free port. */
  port: number;
  logger: Logger;
  /** Largest request body accepted, e.g. "1mb"; default DEFAULT_BODY_LIMIT. */
  bodyLimit?: string;
  /** Extra routes mounted before /graphql (health, explorer, metrics). */
  routes?: (app: Express) => void;
  /** Reports readiness on /health; a failing check answers 503 with its reason. */
  readiness?: () => Promise<void>;
}

/**
 * The largest request body: a mutation's batch of 5,000 samples with ten measurements each is
 * about 5 MB of JSON; a larger body is refused with 413 before it is parsed.
 */
export const DEFAULT_BODY_LIMIT = '16mb';

export interface RunningHttpService {
  url: string;
  port: number;
  close(): Promise<void>;
}

/** Serves an Apollo server over HTTP at /graphql, with /health; closes gracefully. */
export async function startHttpService<TContext extends BaseContext>(
  options: HttpServiceOptions<TContext>,
): Promise<RunningHttpService> {
  const app = express();
  app.disable('x-powered-by');
  const httpServer = createServer(app);
  const apollo = options.createServer(httpServer);
  apollo.addPlugin(ApolloServerPluginDrainHttpServer({ httpServer }));
  await apollo.start();

  app.get('/health', async (_req, res) => {
    try {
      await options.readiness?.();
      res.json({ status: 'ok' });
    } catch (error) {
      res.status(503).json({ status: 'unavailable', reason: (error as Error).message });
    }
  });
  options.routes?.(app);
  app.use(
    '/graphql',
    express.json({ limit: options.bodyLimit ?? DEFAULT_BODY_LIMIT }),
    expressMiddleware(apollo, { context: () => options.context() }),
  );

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
    close: () => apollo.stop(),
  };
}
