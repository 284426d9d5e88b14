import type { AuthConfig } from '@soilgraph/auth';
import { type Agency, AGENCIES, type DatabaseTarget, openAgencyDatabases, type PostgresOptions, SERVICE_POOL_DEFAULTS } from '@soilgraph/db';
import { type DemoOptions, seedDemoData } from '@soilgraph/db/demo';
import { startGateway } from '@soilgraph/gateway';
import type { CircuitBreakerSettings, GatewayLimits } from '@soilgraph/gateway/config';
import { readSupergraph } from '@soilgraph/schema';
import { createLogger, type RunningHttpService, SUBGRAPH_PORTS, serveSubgraph } from '@soilgraph/server-kit';
import { SUBGRAPH_DEFINITIONS } from './subgraphs.ts';

export interface StackOptions {
  database: DatabaseTarget;
  host: string;
  gatewayPort: number;
  /** Ports of the five subgraphs; 0 picks free ports. */
  subgraphPorts: Readonly<Record<Agency, number>>;
  /** Seeds agencies that hold no data yet; false leaves the database as it is. */
  demo: DemoOptions | false;
  logLevel: string;
  /** Token verification and the gateway's signing secret, shared by the gateway and every subgraph. */
  auth: AuthConfig;
  /** The gateway's limits (README, "Limits"); defaults where left out. */
  limits?: Partial<GatewayLimits>;
  /** A trusted documents manifest: only its operations run. */
  trustedDocuments?: string;
  /** The gateway's circuit breakers (CIRCUIT_FAILURES, CIRCUIT_RESET_MS); the gateway's defaults where left out. */
  circuitBreaker?: Partial<CircuitBreakerSettings>;
  /**
   * How long stop() lets requests in flight finish (SHUTDOWN_TIMEOUT_MS), first at the gateway, then
   * at the subgraphs; the services' default where left out.
   */
  shutdownTimeoutMs?: number;
  /** On Postgres, the bounds of each agency's service pool (DB_POOL_MAX, DB_POOL_WAIT_MS, DB_STATEMENT_TIMEOUT_MS); SERVICE_POOL_DEFAULTS where left out. PGlite has no pool. */
  servicePool?: Omit<PostgresOptions, 'applicationName' | 'onIdleError'>;
  /** Browser origins the gateway answers (CORS_ORIGINS), e.g. the dashboard's. */
  corsOrigins?: readonly string[];
  /** Megabytes of answers the gateway keeps while the data is unchanged (RESPONSE_CACHE_MB); the gateway's default where left out, 0 off. */
  responseCacheMb?: number;
}

export interface RunningStack {
  /** Where the data lives, for messages. */
  database: string;
  gatewayUrl: string;
  subgraphUrls: Record<Agency, string>;
  /** Agencies this start seeded (empty when the data was already there). */
  seeded: Agency[];
  stop(): Promise<void>;
}

export const DEFAULT_STACK_PORTS = { gateway: 4000, subgraphs: SUBGRAPH_PORTS } as const;

/**
 * Starts the whole federation in this process: migrates each agency's schema (as the owner,
 * which on Postgres also sets up each agency's role), seeds the demo data where an agency has
 * none, serves the five subgraphs over HTTP and the gateway in front of them. The gateway
 * reaches the subgraphs over HTTP, as it does in production.
 */
export async function startStack(options: StackOptions): Promise<RunningStack> {
  const logger = createLogger('stack', options.logLevel);
  const databases = await openAgencyDatabases(options.database, undefined, options.servicePool === undefined ? undefined : { ...SERVICE_POOL_DEFAULTS, ...options.servicePool });
  const dbFor = (agency: Agency) => databases.connectionFor(agency);
  const closeAll = () => databases.closeAll();
  const started: RunningHttpService[] = [];
  try {
    for (const agency of AGENCIES) await dbFor(agency).migrate(agency);
    const seeded = options.demo === false ? [] : await seedDemoData((a) => dbFor(a).db, options.demo);
    if (seeded.length > 0) logger.info({ seeded }, 'seeded synthetic demo data');

    // Filled in as each subgraph starts; a subgraph reads it when it checks a batch's references
    // at the owning subgraph, which is up by then whatever the start order.
    const subgraphUrls = {} as Record<Agency, string>;
    for (const agency of AGENCIES) {
      const running = await serveSubgraph(SUBGRAPH_DEFINITIONS[agency], {
        // On Postgres the agency's own role (it cannot alter its tables or reach another agency's);
        // on PGlite, which has no roles, the shared connection.
        db: databases.serviceDbFor(agency),
        auth: options.auth,
        subgraphUrls,
        host: options.host,
        port: options.subgraphPorts[agency],
        logger: createLogger(agency, options.logLevel),
        shutdownTimeoutMs: options.shutdownTimeoutMs,
      });
      started.push(running);
      subgraphUrls[agency] = running.url;
    }
    const gateway = await startGateway({
      supergraphSdl: readSupergraph(),
      subgraphUrls,
      auth: options.auth,
      limits: options.limits,
      trustedDocuments: options.trustedDocuments,
      circuitBreaker: options.circuitBreaker,
      shutdownTimeoutMs: options.shutdownTimeoutMs,
      corsOrigins: options.corsOrigins,
      responseCacheMb: options.responseCacheMb,
      host: options.host,
      port: options.gatewayPort,
      logger: createLogger('gateway', options.logLevel),
    });
    started.push(gateway);
    return {
      database: databases.describe,
      gatewayUrl: gateway.url,
      subgraphUrls,
      seeded,
      stop: async () => {
        // Gateway first, so no request reaches a subgraph that is already gone; then the subgraphs
        // together, so that stopping takes at most twice SHUTDOWN_TIMEOUT_MS, not six times.
        const [gatewayService, ...subgraphServices] = [...started].reverse();
        await gatewayService!.close();
        await Promise.all(subgraphServices.map((service) => service.close()));
        await closeAll();
      },
    };
  } catch (error) {
    for (const service of [...started].reverse()) await service.close();
    await closeAll();
    throw error;
  }
}
