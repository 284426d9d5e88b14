import { type Agency, AGENCIES, type DatabaseTarget, openAgencyDatabases } from '@soilgraph/db';
import { type DemoOptions, seedDemoData } from '@soilgraph/db/demo';
import { startGateway } from '@soilgraph/gateway';
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
 * Starts the whole federation in this process: migrates each agency's schema, seeds the
 * demo data where an agency has none, serves the five subgraphs over HTTP and the gateway
 * in front of them. The gateway reaches the subgraphs over HTTP, as it does in production.
 */
export async function startStack(options: StackOptions): Promise<RunningStack> {
  const logger = createLogger('stack', options.logLevel);
  const databases = await openAgencyDatabases(options.database);
  const dbFor = (agency: Agency) => databases.connectionFor(agency);
  const closeAll = () => databases.closeAll();
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
      database: databases.describe,
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
