import { type Agency, AGENCIES, connectPostgres, type DatabaseConnection, openPglite } from '@soilgraph/db';
import { type DemoOptions, seedDemoData } from '@soilgraph/db/demo';
import { startGateway } from '@soilgraph/gateway';
import { readSupergraph } from '@soilgraph/schema';
import { createLogger, type RunningHttpService, SUBGRAPH_PORTS, serveSubgraph } from '@soilgraph/server-kit';
import { SUBGRAPH_DEFINITIONS } from './subgraphs.ts';

export type StackDatabase =
  /** Embedded PGlite in this process; without dataDir, in memory. */
  | { kind: 'pglite'; dataDir?: string }
  /** Real Postgres: one URL per agency (they may all be the same). */
  | { kind: 'postgres'; urlFor: (agency: Agency) => string };

export interface StackOptions {
  database: StackDatabase;
  host: string;
  gatewayPort: number;
  /** Ports of the five subgraphs; 0 picks free ports. */
  subgraphPorts: Readonly<Record<Agency, number>>;
  /** Seeds agencies that hold no data yet; false leaves the database as it is. */
  demo: DemoOptions | false;
  logLevel: string;
}

export interface RunningStack {
  gatewayUrl: string;
  subgraphUrls: Record<Agency, string>;
  /** Agencies this start seeded (empty when the data was already there). */
  seeded: Agency[];
  stop(): Promise<void>;
}

export const DEFAULT_STACK_PORTS = { gateway: 4000, subgraphs: SUBGRAPH_PORTS } as const;

async function openDatabases(database: StackDatabase): Promise<{ dbFor: (a: Agency) => DatabaseConnection; closeAll: () => Promise<void> }> {
  if (database.kind === 'pglite') {
    // One PGlite per data folder and process: every subgraph shares this connection.
    const shared = await openPglite(database.dataDir);
    return { dbFor: () => shared, closeAll: () => shared.close() };
  }
  const connections = new Map(AGENCIES.map((a) => [a, connectPostgres(database.urlFor(a), { applicationName: `soilgraph-${a}` })]));
  return {
    dbFor: (a) => connections.get(a)!,
    closeAll: async () => {
      await Promise.all([...connections.values()].map((c) => c.close()));
    },
  };
}

/**
 * Starts the whole federation in this process: migrates each agency's schema, seeds the
 * demo data where an agency has none, serves the five subgraphs over HTTP and the gateway
 * in front of them. The gateway reaches the subgraphs over HTTP, as it does in production.
 */
export async function startStack(options: StackOptions): Promise<RunningStack> {
  const logger = createLogger('stack', options.logLevel);
  const { dbFor, closeAll } = await openDatabases(options.database);
  const started: RunningHttpService[] = [];
  try {
    for (const agency of AGENCIES) await dbFor(agency).migrate(agency);
    const seeded = options.demo === false ? [] : await seedDemoData((a) => dbFor(a).db, options.demo);
    if (seeded.length > 0) logger.info({ seeded }, 'seeded synthetic demo data');

    const subgraphUrls = {} as Record<Agency, string>;
    for (const agency of AGENCIES) {
      const running = await serveSubgraph(SUBGRAPH_DEFINITIONS[agency], {
        db: dbFor(agency).db,
        host: options.host,
        port: options.subgraphPorts[agency],
        logger: createLogger(agency, options.logLevel),
      });
      started.push(running);
      subgraphUrls[agency] = running.url;
    }
    const gateway = await startGateway({
      supergraphSdl: readSupergraph(),
      subgraphUrls,
      host: options.host,
      port: options.gatewayPort,
      logger: createLogger('gateway', options.logLevel),
    });
    started.push(gateway);
    return {
      gatewayUrl: gateway.url,
      subgraphUrls,
      seeded,
      stop: async () => {
        // Gateway first, so no request reaches a subgraph that is already gone.
        for (const service of [...started].reverse()) await service.close();
        await closeAll();
      },
    };
  } catch (error) {
    for (const service of [...started].reverse()) await service.close();
    await closeAll();
    throw error;
  }
}
