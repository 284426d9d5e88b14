import type { BaseContext } from '@apollo/server';
import { type Agency, connectPostgres, type Database, databaseUrlFor, ping } from '@soilgraph/db';
import { parseEnv, portSchema, serviceEnvSchema, type Env } from './config.ts';
import { startHttpService, type RunningHttpService } from './http.ts';
import { createLogger, type Logger } from './logger.ts';
import { createSubgraphServer, type SubgraphDefinition } from './subgraph.ts';

export interface ServeSubgraphOptions {
  db: Database;
  host: string;
  port: number;
  logger: Logger;
}

/** Serves one agency's subgraph over HTTP on a database handle (shared PGlite or its own pool). */
export function serveSubgraph<TContext extends BaseContext>(
  definition: SubgraphDefinition<TContext>,
  { db, host, port, logger }: ServeSubgraphOptions,
): Promise<RunningHttpService> {
  return startHttpService({
    createServer: () => createSubgraphServer(definition, logger),
    context: async () => definition.createContext(db),
    host,
    port,
    logger,
    readiness: () => ping(db),
  });
}

/** The default port of each agency's subgraph (design.md, "Running"). */
export const SUBGRAPH_PORTS: Readonly<Record<Agency, number>> = {
  planning: 4001,
  environment: 4002,
  agriculture: 4003,
  water: 4004,
  geology: 4005,
};

/**
 * Starts one subgraph as its own process against real Postgres, the way a container runs it:
 * reads its configuration, applies its agency's migrations, serves, and stops on SIGINT/SIGTERM.
 */
export async function runSubgraphProcess<TContext extends BaseContext>(
  definition: SubgraphDefinition<TContext>,
  env: Env = process.env,
): Promise<void> {
  const agency = definition.name;
  const config = parseEnv(serviceEnvSchema.extend({ PORT: portSchema.default(SUBGRAPH_PORTS[agency]) }), env, agency);
  const url = databaseUrlFor(agency, env);
  if (url === undefined) {
    process.stderr.write(
      `${agency}: set DATABASE_URL (or DATABASE_URL_${agency.toUpperCase()}) to a postgres:// URL.\n` +
        'The embedded PGlite database admits one process: run the whole stack with `pnpm start` instead.\n',
    );
    process.exit(2);
  }
  const logger = createLogger(agency, config.LOG_LEVEL);
  const connection = connectPostgres(url, { applicationName: `soilgraph-${agency}` });
  await connection.migrate(agency);
  const running = await serveSubgraph(definition, { db: connection.db, host: config.HOST, port: config.PORT, logger });
  onShutdown(logger, async () => {
    await running.close();
    await connection.close();
  });
}

/** Runs `stop` once on SIGINT or SIGTERM, then exits; a second signal exits at once. */
export function onShutdown(logger: Logger, stop: () => Promise<void>): void {
  let stopping = false;
  const handler = (signal: string) => {
    if (stopping) process.exit(1);
    stopping = true;
    logger.info({ signal }, 'shutting down');
    stop().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', () => handler('SIGINT'));
  process.once('SIGTERM', () => handler('SIGTERM'));
}

