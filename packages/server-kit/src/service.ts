import type { BaseContext } from '@apollo/server';
import { type AuthConfig, authConfigFromEnv, authEnvSchema, createSubgraphAuthenticator, GATEWAY_SIGNATURE_HEADER } from '@soilgraph/auth';
import {
  type Agency,
  AGENCIES,
  agencyPostgresUrls,
  checkMigrationsApplied,
  connectPostgres,
  type Database,
  databaseFailure,
  dataVersion,
  MigrationsPendingError,
  poolUsage,
  rootMessage,
  urlPassword,
} from '@soilgraph/db';
import { z } from 'zod';
import { parseEnv, portSchema, subgraphEnvSchema, type Env } from './config.ts';
import { DATA_VERSION_PATH, startHttpService, type RunningHttpService } from './http.ts';
import { createLogger, type Logger } from './logger.ts';
import { registerPoolMetrics } from './metrics.ts';
import { httpReferenceResolver } from './references.ts';
import { createSubgraphServer, type SubgraphDefinition } from './subgraph.ts';
import { startTracing } from './tracing.ts';

export interface ServeSubgraphOptions {
  db: Database;
  auth: AuthConfig;
  host: string;
  port: number;
  logger: Logger;
  /**
   * Where the other agencies' subgraphs answer, to check the references of submitted batches at
   * their owners (references.ts). Read at each check, so a stack may fill it in as it starts them.
   */
  subgraphUrls: Readonly<Partial<Record<Agency, string>>>;
  /** How long close() lets requests in flight finish (SHUTDOWN_TIMEOUT_MS); default DEFAULT_SHUTDOWN_TIMEOUT_MS. */
  shutdownTimeoutMs?: number;
}

/** Serves one agency's subgraph over HTTP on a database handle (shared PGlite or its own pool). */
export function serveSubgraph<TContext extends BaseContext>(
  definition: SubgraphDefinition<TContext>,
  { db, auth, host, port, logger, subgraphUrls, shutdownTimeoutMs }: ServeSubgraphOptions,
): Promise<RunningHttpService> {
  const authenticate = createSubgraphAuthenticator(auth);
  const references = httpReferenceResolver({ urls: subgraphUrls, auth });
  return startHttpService({
    service: definition.name,
    createServer: () => createSubgraphServer(definition, logger),
    context: async (req) => {
      const caller = await authenticate({ authorization: req.get('authorization'), signature: req.get(GATEWAY_SIGNATURE_HEADER) });
      return definition.createContext(db, caller, references);
    },
    host,
    port,
    logger,
    readiness: () => databaseReadiness(db, definition.name),
    // The agency's data version (db's dataVersion): the gateway reads it before each query and
    // answers from an answer it kept while every agency's version is unchanged.
    routes: (app) => {
      app.get(DATA_VERSION_PATH, async (_req, res) => {
        try {
          res.json({ version: await dataVersion(db, definition.name) });
        } catch (error) {
          res.status(503).json({ status: 'unavailable', reason: `the ${definition.name} database: ${rootMessage(error)}` });
        }
      });
    },
    // On Postgres, the pool's connections and waiting queries; PGlite has no pool.
    metrics: poolUsage(db) === undefined ? undefined : (registry) => registerPoolMetrics(registry, () => poolUsage(db)),
    shutdownTimeoutMs,
  });
}

/**
 * A subgraph is ready when its database answers and has the migrations this code ships
 * (db/src/readiness.ts). The reason names the agency's database and what is wrong, never a stack.
 */
export async function databaseReadiness(db: Database, agency: Agency): Promise<void> {
  try {
    await checkMigrationsApplied(db, agency);
  } catch (error) {
    if (error instanceof MigrationsPendingError) throw error;
    const failure = databaseFailure(error);
    const state = { unavailable: 'is unavailable', busy: 'is busy (no pooled connection came free in time)', timeout: 'did not answer in time' };
    throw new Error(`the ${agency} database ${failure === undefined ? 'cannot be checked' : state[failure]}: ${rootMessage(error)}`);
  }
}

/** The token and gateway-signature settings (AUTH_*, GATEWAY_SECRET); exits naming the setting at fault. */
export function loadAuthConfig(env: Env, service: string): AuthConfig {
  const parsed = parseEnv(authEnvSchema, env, service);
  try {
    return authConfigFromEnv(parsed);
  } catch (error) {
    process.stderr.write(`${service}: invalid configuration\n  ${(error as Error).message}\n`);
    process.exit(2);
  }
}

/** The default port of each agency's subgraph (design.md, "Running"). */
export const SUBGRAPH_PORTS: Readonly<Record<Agency, number>> = {
  planning: 4001,
  environment: 4002,
  agriculture: 4003,
  water: 4004,
  geology: 4005,
};

/** Where each agency's subgraph answers: SUBGRAPH_<AGENCY>_URL, by default its default port on localhost (as the gateway reads them). */
export function subgraphUrlsFromEnv(env: Env, service: string): Record<Agency, string> {
  const name = (agency: Agency) => `SUBGRAPH_${agency.toUpperCase()}_URL`;
  const schema = z.object(Object.fromEntries(AGENCIES.map((a) => [name(a), z.url().default(`http://localhost:${SUBGRAPH_PORTS[a]}/graphql`)])));
  const parsed = parseEnv(schema, env, service) as Record<string, string>;
  return Object.fromEntries(AGENCIES.map((a) => [a, parsed[name(a)]!])) as Record<Agency, string>;
}

/**
 * Starts one subgraph as its own process against real Postgres, the way a container runs it:
 * reads its configuration, applies its agency's migrations, serves, and stops on SIGINT/SIGTERM.
 */
export async function runSubgraphProcess<TContext extends BaseContext>(
  definition: SubgraphDefinition<TContext>,
  env: Env = process.env,
): Promise<void> {
  const agency = definition.name;
  const config = parseEnv(subgraphEnvSchema.extend({ PORT: portSchema.default(SUBGRAPH_PORTS[agency]) }), env, agency);
  const urls = agencyPostgresUrls(agency, env);
  if (urls === undefined) {
    process.stderr.write(
      `${agency}: set DATABASE_URL (or DATABASE_URL_${agency.toUpperCase()}) to a postgres:// URL.\n` +
        'The embedded PGlite database admits one process: run the whole stack with `pnpm start` instead.\n',
    );
    process.exit(2);
  }
  const logger = createLogger(agency, config.LOG_LEVEL);
  const tracing = await startTracing(agency, env, logger); // OTEL_*: off unless OTEL_TRACING=true
  // The owner (DATABASE_URL) migrates and sets up the agency's role, then the service logs in as
  // that role, which cannot alter its tables or reach another agency's. Given only its role's URL
  // (DATABASE_URL_<AGENCY>), the service holds no owner's credentials: `pnpm db:migrate` runs first.
  if (urls.ownerUrl !== undefined) {
    const owner = connectPostgres(urls.ownerUrl, { maxConnections: 1, applicationName: `soilgraph-${agency}-migrate` });
    try {
      await owner.migrate(agency, { rolePassword: urlPassword(urls.roleUrl) });
    } finally {
      await owner.close();
    }
  }
  // A bounded pool: a query waits at most DB_POOL_WAIT_MS for a connection (then DATABASE_BUSY),
  // and Postgres cancels a statement after DB_STATEMENT_TIMEOUT_MS (then TIMEOUT).
  const connection = connectPostgres(urls.roleUrl, {
    applicationName: `soilgraph-${agency}`,
    maxConnections: config.DB_POOL_MAX,
    connectionWaitMs: config.DB_POOL_WAIT_MS,
    statementTimeoutMs: config.DB_STATEMENT_TIMEOUT_MS,
    onIdleError: (error) => logger.warn({ cause: rootMessage(error) }, `an idle connection to the ${agency} database broke; the pool opens another when needed`),
  });
  const auth = loadAuthConfig(env, agency);
  const subgraphUrls = subgraphUrlsFromEnv(env, agency);
  const running = await serveSubgraph(definition, {
    db: connection.db,
    auth,
    host: config.HOST,
    port: config.PORT,
    logger,
    subgraphUrls,
    shutdownTimeoutMs: config.SHUTDOWN_TIMEOUT_MS,
  });
  // SIGTERM: stop accepting connections, let requests in flight finish (each write batch commits
  // and is answered, or is cut off unanswered after SHUTDOWN_TIMEOUT_MS), close the pool, exit 0.
  // Closing the pool waits for a cut-off batch's transaction; the deadline bounds that too.
  onShutdown(
    logger,
    async () => {
      await running.close();
      await connection.close();
      await tracing.stop();
    },
    { deadlineMs: config.SHUTDOWN_TIMEOUT_MS + SHUTDOWN_CLOSE_MARGIN_MS },
  );
}

/** How long after SHUTDOWN_TIMEOUT_MS a stopping subgraph may take to close its pool before it exits anyway (with 1). */
export const SHUTDOWN_CLOSE_MARGIN_MS = 2000;

/**
 * Runs `stop` once on SIGINT or SIGTERM, then exits 0 (1 when it fails); a second signal exits at
 * once. With `deadlineMs`, a stop that has not finished by then exits 1 (the database rolls back
 * whatever transaction the process still holds).
 */
export function onShutdown(logger: Logger, stop: () => Promise<void>, options: { deadlineMs?: number } = {}): void {
  let stopping = false;
  const handler = (signal: string) => {
    if (stopping) process.exit(1);
    stopping = true;
    logger.info({ signal }, 'shutting down');
    if (options.deadlineMs !== undefined) {
      const { deadlineMs } = options;
      setTimeout(() => {
        logger.error({ deadlineMs }, 'shutdown did not finish in time; exiting');
        process.exit(1);
      }, deadlineMs).unref();
    }
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

