import { type Agency, AGENCIES, type DatabaseTarget, databaseTargetFromEnv } from '@soilgraph/db';
import { DEFAULT_DEMO_SEED } from '@soilgraph/db/demo';
import { buildDashboard, DEFAULT_DASHBOARD_DIR, DEFAULT_DASHBOARD_PORT, serveDashboard } from '@soilgraph/dashboard';
import { loadGatewayConfig } from '@soilgraph/gateway/config';
import {
  createLogger,
  loadAuthConfig,
  logLevelSchema,
  onShutdown,
  parseEnv,
  portSchema,
  SHUTDOWN_CLOSE_MARGIN_MS,
  serviceEnvSchema,
  subgraphEnvSchema,
} from '@soilgraph/server-kit';
import { z } from 'zod';
import { DEFAULT_STACK_PORTS, startStack } from './stack.ts';

// `pnpm start`: the whole federation in one process, on embedded PGlite in .data/ unless
// DATABASE_URL (or DATABASE_URL_<AGENCY>) points at Postgres.
const env = parseEnv(
  serviceEnvSchema.omit({ LOG_LEVEL: true, NODE_ENV: true }).extend({
    PORT: portSchema.default(DEFAULT_STACK_PORTS.gateway),
    /** The five subgraphs listen on this port and the four after it; 0 picks free ports. */
    SUBGRAPH_BASE_PORT: portSchema.default(DEFAULT_STACK_PORTS.subgraphs.planning),
    /** The dashboard (packages/dashboard), built at each start; 0 picks a free port. */
    DASHBOARD_PORT: portSchema.default(DEFAULT_DASHBOARD_PORT),
    DASHBOARD: z.enum(['true', 'false']).default('true'),
    DATA_DIR: z.string().min(1).default('.data'),
    DEMO_DATA: z.enum(['true', 'false']).default('true'),
    DEMO_SEED: z.string().min(1).default(DEFAULT_DEMO_SEED),
    DEMO_SCALE: z.coerce.number().int().min(1).default(1),
    LOG_LEVEL: logLevelSchema.default('warn'),
    // On Postgres, each agency's service pool as a subgraph process bounds it (PGlite has none).
    ...subgraphEnvSchema.pick({ DB_POOL_MAX: true, DB_POOL_WAIT_MS: true, DB_STATEMENT_TIMEOUT_MS: true }).shape,
  }),
  process.env,
  'soilgraph',
);

let database: DatabaseTarget;
try {
  database = databaseTargetFromEnv(process.env, env.DATA_DIR);
} catch (error) {
  process.stderr.write(`soilgraph: ${(error as Error).message}\n`);
  process.exit(2);
}
// The gateway's own settings (limits, TRUSTED_DOCUMENTS, CIRCUIT_*, SHUTDOWN_TIMEOUT_MS), as its process
// reads them. SUPERGRAPH_PATH is not followed: the stack serves the checked-in supergraph, the one
// composed from the subgraphs this very process runs.
const gatewayConfig = loadGatewayConfig(process.env);
// The dashboard first, so that the gateway knows its origin (CORS); it learns the gateway's URL once that is up.
let gatewayUrl: string | undefined;
const dashboard =
  env.DASHBOARD === 'true'
    ? await buildDashboard().then(() =>
        serveDashboard({ dir: DEFAULT_DASHBOARD_DIR, host: env.HOST, port: env.DASHBOARD_PORT, gatewayUrl: () => gatewayUrl, logger: createLogger('dashboard', env.LOG_LEVEL) }),
      )
    : undefined;
const stack = await startStack({
  database,
  host: env.HOST,
  gatewayPort: env.PORT,
  subgraphPorts: Object.fromEntries(
    AGENCIES.map((a, i) => [a, env.SUBGRAPH_BASE_PORT === 0 ? 0 : env.SUBGRAPH_BASE_PORT + i]),
  ) as Record<Agency, number>,
  demo: env.DEMO_DATA === 'true' ? { seed: env.DEMO_SEED, scale: env.DEMO_SCALE } : false,
  logLevel: env.LOG_LEVEL,
  auth: loadAuthConfig(process.env, 'soilgraph'),
  limits: gatewayConfig.limits,
  trustedDocuments: gatewayConfig.trustedDocuments,
  circuitBreaker: gatewayConfig.circuitBreaker,
  shutdownTimeoutMs: gatewayConfig.shutdownTimeoutMs,
  corsOrigins: [...gatewayConfig.corsOrigins, ...(dashboard?.origins ?? [])],
  responseCacheMb: gatewayConfig.responseCacheMb,
  servicePool: { maxConnections: env.DB_POOL_MAX, connectionWaitMs: env.DB_POOL_WAIT_MS, statementTimeoutMs: env.DB_STATEMENT_TIMEOUT_MS },
});

gatewayUrl = stack.gatewayUrl;
const seeded = stack.seeded.length > 0 ? `seeded synthetic demo data for ${stack.seeded.join(', ')}` : 'reusing the data already there';
process.stdout.write(`
SoilGraph is running on ${stack.database}; ${seeded}.

  Gateway:   ${stack.gatewayUrl}   (open it in a browser for the explorer)
${dashboard === undefined ? '' : `  Dashboard: ${dashboard.url}   (sign in with a token from pnpm -s token <agency>)\n`}  Subgraphs: ${AGENCIES.map((a) => `${a} ${stack.subgraphUrls[a]}`).join('\n             ')}

Try (anonymous callers read the published figures; pnpm token mints a development token):
  curl -s ${stack.gatewayUrl} -H 'content-type: application/json' \\
    -d '{"query":"{ city { soilRisk { parcelsSampled } } }"}'
  curl -s ${stack.gatewayUrl} -H 'content-type: application/json' -H "authorization: Bearer $(pnpm -s token planning read)" \\
    -d '{"query":"{ district(code: \\"110108\\") { name parcels(first: 2) { totalCount edges { node { id landUse } } } } }"}'

Stop with Ctrl-C.
`);
// SIGINT/SIGTERM: the gateway lets requests in flight finish for up to SHUTDOWN_TIMEOUT_MS, then the
// subgraphs theirs; should stopping hang past that, the process exits 1 all the same.
onShutdown(createLogger('stack', env.LOG_LEVEL), async () => {
  await dashboard?.close();
  await stack.stop();
}, { deadlineMs: 2 * gatewayConfig.shutdownTimeoutMs + SHUTDOWN_CLOSE_MARGIN_MS });
