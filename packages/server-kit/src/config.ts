import { AGENCIES } from '@soilgraph/db';
import { z } from 'zod';

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
