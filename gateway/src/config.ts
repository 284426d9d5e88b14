import { SUBGRAPHS } from '@soilgraph/schema';
import { type Env, parseEnv, portSchema, serviceEnvSchema } from '@soilgraph/server-kit';
import { z } from 'zod';

const gatewayEnvSchema = serviceEnvSchema.pick({ HOST: true, LOG_LEVEL: true, NODE_ENV: true }).extend({
  PORT: portSchema.default(4000),
  ...Object.fromEntries(SUBGRAPHS.map(({ name, port }) => [`SUBGRAPH_${name.toUpperCase()}_URL`, z.url().default(`http://localhost:${port}/graphql`)])),
});

export interface GatewayConfig {
  host: string;
  port: number;
  logLevel: string;
  subgraphUrls: Record<string, string>;
}

/** The gateway's settings: PORT, HOST, LOG_LEVEL and SUBGRAPH_<NAME>_URL for each agency. */
export function loadGatewayConfig(env: Env = process.env): GatewayConfig {
  const parsed = parseEnv(gatewayEnvSchema, env, 'gateway') as Record<string, string | number>;
  return {
    host: String(parsed.HOST),
    port: Number(parsed.PORT),
    logLevel: String(parsed.LOG_LEVEL),
    subgraphUrls: Object.fromEntries(SUBGRAPHS.map(({ name }) => [name, String(parsed[`SUBGRAPH_${name.toUpperCase()}_URL`])])),
  };
}
