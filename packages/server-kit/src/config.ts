import { AGENCIES, SERVICE_POOL_DEFAULTS } from '@soilgraph/db';
import { z } from 'zod';
import { DEFAULT_SHUTDOWN_TIMEOUT_MS } from './http.ts';

const logLevel = z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']);
const port = z.coerce.number().int().min(0).max(65535);
const postgresUrl = z.url({ protocol: /^postgres(ql)?$/, error: 'must be a postgres:// URL' });

/** Settings every service reads; nothing else in the code reads process.env. */
export const serviceEnvSchema = z.object({
  HOST: z.string().min(1).default('127.0.0.1'),
  LOG_LEVEL: logLevel.default('info'),
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  DATABASE_URL: postgresUrl.optional(),
  ...Object.fromEntries(AGENCIES.map((a) => [`DATABASE_URL_${a.toUpperCase()}`, postgresUrl.optional()])),
});

const milliseconds = z.coerce.number().int().min(1).max(3_600_000);

/**
 * What a subgraph process reads besides: the bounds of its database pool (a saturated pool refuses
 * a query after DB_POOL_WAIT_MS rather than queueing it; DB_STATEMENT_TIMEOUT_MS 0 sets no
 * statement timeout) and how long a SIGTERM lets requests in flight finish.
 */
export const subgraphEnvSchema = serviceEnvSchema.extend({
  DB_POOL_MAX: z.coerce.number().int().min(1).max(1000).default(SERVICE_POOL_DEFAULTS.maxConnections),
  DB_POOL_WAIT_MS: milliseconds.default(SERVICE_POOL_DEFAULTS.connectionWaitMs),
  DB_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(0).max(3_600_000).default(SERVICE_POOL_DEFAULTS.statementTimeoutMs),
  SHUTDOWN_TIMEOUT_MS: milliseconds.default(DEFAULT_SHUTDOWN_TIMEOUT_MS),
});

export type Env = Record<string, string | undefined>;

/** Parses a zod model of the environment; on failure prints every problem at once and exits. */
export function parseEnv<T extends z.ZodType>(schema: T, env: Env, service: string): z.output<T> {
  const parsed = schema.safeParse(env);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((i) => `  ${i.path.join('.') || '(environment)'}: ${i.message}`);
  process.stderr.write(`${service}: invalid configuration\n${problems.join('\n')}\n`);
  process.exit(2);
}


export { port as portSchema, logLevel as logLevelSchema };
