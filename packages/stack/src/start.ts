import { type Agency, AGENCIES, type DatabaseTarget, databaseTargetFromEnv } from '@soilgraph/db';
import { DEFAULT_DEMO_SEED } from '@soilgraph/db/demo';
import { loadGatewayConfig } from '@soilgraph/gateway/config';
import { createLogger, loadAuthConfig, logLevelSchema, onShutdown, parseEnv, portSchema, serviceEnvSchema } from '@soilgraph/server-kit';
import { z } from 'zod';
import { DEFAULT_STACK_PORTS, startStack } from './stack.ts';

// `pnpm start`: the whole federation in one process, on embedded PGlite in .data/ unless
// DATABASE_URL (or DATABASE_URL_<AGENCY>) points at Postgres.
const env = parseEnv(
  serviceEnvSchema.omit({ LOG_LEVEL: true, NODE_ENV: true }).extend({
    PORT: portSchema.default(DEFAULT_STACK_PORTS.gateway),
    /** The five subgraphs listen on this port and the four after it; 0 picks free ports. */
    SUBGRAPH_BASE_PORT: portSchema.default(DEFAULT_STACK_PORTS.subgraphs.planning),
    DATA_DIR: z.string().min(1).default('.data'),
    DEMO_DATA: z.enum(['true', 'false']).default('true'),
    DEMO_SEED: z.string().min(1).default(DEFAULT_DEMO_SEED),
    DEMO_SCALE: z.coerce.number().int().min(1).default(1),
    LOG_LEVEL: logLevelSchema.default('warn'),
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
const gatewayConfig = loadGatewayConfig(process.env);
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
  // The gateway's own settings (MAX_DEPTH, MAX_COST, TRUSTED_DOCUMENTS, ...), as its process reads them.
  limits: gatewayConfig.limits,
  trustedDocuments: gatewayConfig.trustedDocuments,
});

const seeded = stack.seeded.length > 0 ? `seeded synthetic demo data for ${stack.seeded.join(', ')}` : 'reusing the data already there';
process.stdout.write(`
SoilGraph is running on ${stack.database}; ${seeded}.

  Gateway:   ${stack.gatewayUrl}   (open it in a browser for the explorer)
  Subgraphs: ${AGENCIES.map((a) => `${a} ${stack.subgraphUrls[a]}`).join('\n             ')}

Try (anonymous callers read the published figures; pnpm token mints a development token):
  curl -s ${stack.gatewayUrl} -H 'content-type: application/json' \\
    -d '{"query":"{ city { soilRisk { parcelsSampled } } }"}'
  curl -s ${stack.gatewayUrl} -H 'content-type: application/json' -H "authorization: Bearer $(pnpm -s token planning read)" \\
    -d '{"query":"{ district(code: \\"110108\\") { name parcels(first: 2) { totalCount edges { node { id landUse } } } } }"}'

Stop with Ctrl-C.
`);
onShutdown(createLogger('stack', env.LOG_LEVEL), () => stack.stop());
