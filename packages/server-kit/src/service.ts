import type { BaseContext } from '@apollo/server';
import { type AuthConfig, authConfigFromEnv, authEnvSchema, createSubgraphAuthenticator, GATEWAY_SIGNATURE_HEADER } from '@soilgraph/auth';
import { type Agency, AGENCIES, agencyPostgresUrls, connectPostgres, type Database, ping, urlPassword } from '@soilgraph/db';
import { z } from 'zod';
import { parseEnv, portSchema, serviceEnvSchema, type Env } from './config.ts';
import { startHttpService, type RunningHttpService } from './http.ts';
import { createLogger, type Logger } from './logger.ts';
import { httpReferenceResolver } from './references.ts';
import { createSubgraphServer, type SubgraphDefinition } from './subgraph.ts';

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
}

/** Serves one agency's subgraph over HTTP on a database handle (shared PGlite or its own pool). */
export function serveSubgraph<TContext extends BaseContext>(
  definition: SubgraphDefinition<TContext>,
  { db, auth, host, port, logger, subgraphUrls }: ServeSubgraphOptions,
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
    readiness: () => ping(db),
  });
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
  const config = parseEnv(serviceEnvSchema.extend({ PORT: portSchema.default(SUBGRAPH_PORTS[agency]) }), env, agency);
  const urls = agencyPostgresUrls(agency, env);
  if (urls === undefined) {
    process.stderr.write(
      `${agency}: set DATABASE_URL (or DATABASE_URL_${agency.toUpperCase()}) to a postgres:// URL.\n` +
        'The embedded PGlite database admits one process: run the whole stack with `pnpm start` instead.\n',
    );
    process.exit(2);
  }
  const logger = createLogger(agency, config.LOG_LEVEL);
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
  const connection = connectPostgres(urls.roleUrl, { applicationName: `soilgraph-${agency}` });
  const auth = loadAuthConfig(env, agency);
  const subgraphUrls = subgraphUrlsFromEnv(env, agency);
  const running = await serveSubgraph(definition, { db: connection.db, auth, host: config.HOST, port: config.PORT, logger, subgraphUrls });
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

