import { createLogger, logLevelSchema, onShutdown, parseEnv, portSchema } from '@soilgraph/server-kit';
import { z } from 'zod';
import { DEFAULT_DASHBOARD_DIR, DEFAULT_DASHBOARD_PORT, serveDashboard } from './index.ts';

// The dashboard as a service of its own (docker-compose.yml): serves the build made by
// `pnpm --filter @soilgraph/dashboard build`. `pnpm start` serves it in its own process instead.
const env = parseEnv(
  z.object({
    HOST: z.string().min(1).default('127.0.0.1'),
    PORT: portSchema.default(DEFAULT_DASHBOARD_PORT),
    /** The gateway as the browser reaches it (its origin must be in the gateway's CORS_ORIGINS). */
    GATEWAY_URL: z.url().default('http://localhost:4000/graphql'),
    DASHBOARD_DIR: z.string().min(1).default(DEFAULT_DASHBOARD_DIR),
    LOG_LEVEL: logLevelSchema.default('info'),
  }),
  process.env,
  'dashboard',
);
const logger = createLogger('dashboard', env.LOG_LEVEL);
const dashboard = await serveDashboard({ dir: env.DASHBOARD_DIR, host: env.HOST, port: env.PORT, gatewayUrl: () => env.GATEWAY_URL, logger });
onShutdown(logger, () => dashboard.close(), { deadlineMs: 5_000 });
