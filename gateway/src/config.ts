import { SUBGRAPHS } from '@soilgraph/schema';
import { DEFAULT_BODY_LIMIT, DEFAULT_SHUTDOWN_TIMEOUT_MS, type Env, parseEnv, portSchema, serviceEnvSchema } from '@soilgraph/server-kit';
import { z } from 'zod';

/** What the gateway refuses before it plans an operation (README, "Limits"). */
export interface GatewayLimits {
  /** Deepest field nesting (MAX_DEPTH). */
  maxDepth: number;
  /** Aliased fields per operation (MAX_ALIASES). */
  maxAliases: number;
  /** Distinct root fields per operation (MAX_ROOT_FIELDS). */
  maxRootFields: number;
  /** Directives per operation (MAX_DIRECTIVES). */
  maxDirectives: number;
  /** Lexical tokens per document (MAX_TOKENS). */
  maxTokens: number;
  /** Estimated cost per operation, lists counted at their size (MAX_COST; limits/cost.ts). */
  maxCost: number;
  /** Largest request body (BODY_LIMIT), e.g. "16mb". */
  bodyLimit: string;
  /** Whether a POST may carry an array of operations (ALLOW_BATCHED_REQUESTS). */
  allowBatchedRequests: boolean;
  /** Whether __schema and __type may be queried (ALLOW_INTROSPECTION). */
  allowIntrospection: boolean;
  /** How long one subgraph call may take (SUBGRAPH_TIMEOUT_MS). */
  subgraphTimeoutMs: number;
}

/**
 * The defaults; every README example and every query of the tests stays well inside them
 * (README, "Limits", gives the measured figures). Introspection is on outside production
 * (NODE_ENV=production turns it off), so that the explorer can read the schema.
 */
export const DEFAULT_LIMITS: Readonly<GatewayLimits> = {
  maxDepth: 12,
  maxAliases: 15,
  maxRootFields: 10,
  maxDirectives: 50,
  maxTokens: 1000,
  maxCost: 20_000,
  // The same as the subgraphs': a batch of 5,000 submitted samples is about 5 MB.
  bodyLimit: DEFAULT_BODY_LIMIT,
  allowBatchedRequests: false,
  allowIntrospection: true,
  subgraphTimeoutMs: 30_000,
};

/** One origin: scheme, host and port as a browser sends it in `Origin`, e.g. http://localhost:5173; a trailing slash is dropped. */
export const corsOrigin = z
  .string()
  .trim()
  .transform((value, ctx) => {
    const url = URL.canParse(value) ? new URL(value) : undefined;
    const origin = url !== undefined && /^https?:$/.test(url.protocol) && url.pathname === '/' && url.search === '' && url.hash === '' && url.username === '' && url.password === '';
    if (!origin) {
      ctx.addIssue({ code: 'custom', message: 'must be an origin: http or https, host and port, without a path, query or credentials (e.g. https://dashboard.example.org)' });
      return z.NEVER;
    }
    return url.origin;
  });

/** CORS_ORIGINS: comma-separated origins; empty or unset, none. */
export const corsOriginsList = z
  .string()
  .transform((value) => value.split(',').map((origin) => origin.trim()).filter((origin) => origin !== ''))
  .pipe(z.array(corsOrigin));

const count = z.coerce.number().int().positive();
const milliseconds = z.coerce.number().int().nonnegative();

/** How the gateway protects itself from a subgraph that is down (subgraph-source.ts, circuit.ts). */
export interface CircuitBreakerSettings {
  /** Consecutive failed calls (unreachable, or no answer in time) that open a subgraph's circuit (CIRCUIT_FAILURES). */
  failures: number;
  /** How long an open circuit answers SUBGRAPH_UNAVAILABLE at once before it lets one trial call through (CIRCUIT_RESET_MS). */
  resetMs: number;
}

export const DEFAULT_CIRCUIT_BREAKER: Readonly<CircuitBreakerSettings> = { failures: 5, resetMs: 10_000 };

/** Megabytes of answers the gateway keeps while the agencies' data is unchanged (response-cache.ts). */
export const DEFAULT_RESPONSE_CACHE_MB = 32;

/** How often the gateway reads its supergraph file for changes (SUPERGRAPH_POLL_INTERVAL_MS; 0: never). */
export const DEFAULT_SUPERGRAPH_POLL_INTERVAL_MS = 5000;

const gatewayEnvSchema = serviceEnvSchema.pick({ HOST: true, LOG_LEVEL: true, NODE_ENV: true }).extend({
  PORT: portSchema.default(4000),
  MAX_DEPTH: count.default(DEFAULT_LIMITS.maxDepth),
  MAX_ALIASES: count.default(DEFAULT_LIMITS.maxAliases),
  MAX_ROOT_FIELDS: count.default(DEFAULT_LIMITS.maxRootFields),
  MAX_DIRECTIVES: count.default(DEFAULT_LIMITS.maxDirectives),
  MAX_TOKENS: count.default(DEFAULT_LIMITS.maxTokens),
  MAX_COST: count.default(DEFAULT_LIMITS.maxCost),
  BODY_LIMIT: z
    .string()
    .regex(/^\d+(\.\d+)?(b|kb|mb)$/i, 'must be a size such as 512kb or 16mb')
    .default(DEFAULT_LIMITS.bodyLimit),
  ALLOW_BATCHED_REQUESTS: z.stringbool().default(DEFAULT_LIMITS.allowBatchedRequests),
  ALLOW_INTROSPECTION: z.stringbool().optional(),
  SUBGRAPH_TIMEOUT_MS: count.default(DEFAULT_LIMITS.subgraphTimeoutMs),
  /** A persisted query manifest: when set, only its operations run (trusted-documents.ts). */
  TRUSTED_DOCUMENTS: z.string().min(1).optional(),
  /** The supergraph file the gateway serves and reloads (supergraph-file.ts); the checked-in one when unset. */
  SUPERGRAPH_PATH: z.string().min(1).optional(),
  SUPERGRAPH_POLL_INTERVAL_MS: milliseconds.default(DEFAULT_SUPERGRAPH_POLL_INTERVAL_MS),
  CIRCUIT_FAILURES: count.default(DEFAULT_CIRCUIT_BREAKER.failures),
  CIRCUIT_RESET_MS: count.default(DEFAULT_CIRCUIT_BREAKER.resetMs),
  SHUTDOWN_TIMEOUT_MS: count.default(DEFAULT_SHUTDOWN_TIMEOUT_MS),
  /** Origins whose pages may call /graphql and /export (cors.ts), comma-separated; none by default. */
  CORS_ORIGINS: corsOriginsList.default([]),
  /** Megabytes of whole answers kept while every agency's data version holds (response-cache.ts); 0 turns it off. */
  RESPONSE_CACHE_MB: z.coerce.number().int().nonnegative().default(DEFAULT_RESPONSE_CACHE_MB),
  ...Object.fromEntries(SUBGRAPHS.map(({ name, port }) => [`SUBGRAPH_${name.toUpperCase()}_URL`, z.url().default(`http://localhost:${port}/graphql`)])),
});

export interface GatewayConfig {
  host: string;
  port: number;
  logLevel: string;
  subgraphUrls: Record<string, string>;
  limits: GatewayLimits;
  /** Path of the trusted documents manifest, if the gateway runs only those. */
  trustedDocuments: string | undefined;
  /** The supergraph file to serve (SUPERGRAPH_PATH); undefined: the checked-in schema/supergraph.graphql. */
  supergraphPath: string | undefined;
  /** How often that file is read for changes, in ms; 0 turns reloading off. */
  supergraphPollIntervalMs: number;
  circuitBreaker: CircuitBreakerSettings;
  /** How long SIGTERM lets requests in flight finish before their connections are closed (SHUTDOWN_TIMEOUT_MS, as the subgraphs'). */
  shutdownTimeoutMs: number;
  /** Origins whose pages may call the gateway from a browser (CORS_ORIGINS); empty: no CORS headers. */
  corsOrigins: string[];
  /** Megabytes of answers kept while the agencies' data is unchanged (RESPONSE_CACHE_MB); 0: off. */
  responseCacheMb: number;
}

/**
 * The gateway's settings: PORT, HOST, LOG_LEVEL, SUBGRAPH_<NAME>_URL for each agency, the
 * limits (GatewayLimits names each one's variable), TRUSTED_DOCUMENTS, the supergraph file
 * (SUPERGRAPH_PATH, SUPERGRAPH_POLL_INTERVAL_MS), the circuit breaker (CIRCUIT_FAILURES,
 * CIRCUIT_RESET_MS), SHUTDOWN_TIMEOUT_MS, CORS_ORIGINS and RESPONSE_CACHE_MB.
 */
export function loadGatewayConfig(env: Env = process.env): GatewayConfig {
  const parsed = parseEnv(gatewayEnvSchema, env, 'gateway');
  return {
    host: parsed.HOST,
    port: parsed.PORT,
    logLevel: parsed.LOG_LEVEL,
    subgraphUrls: Object.fromEntries(SUBGRAPHS.map(({ name }) => [name, String((parsed as Record<string, unknown>)[`SUBGRAPH_${name.toUpperCase()}_URL`])])),
    limits: {
      maxDepth: parsed.MAX_DEPTH,
      maxAliases: parsed.MAX_ALIASES,
      maxRootFields: parsed.MAX_ROOT_FIELDS,
      maxDirectives: parsed.MAX_DIRECTIVES,
      maxTokens: parsed.MAX_TOKENS,
      maxCost: parsed.MAX_COST,
      bodyLimit: parsed.BODY_LIMIT,
      allowBatchedRequests: parsed.ALLOW_BATCHED_REQUESTS,
      allowIntrospection: parsed.ALLOW_INTROSPECTION ?? parsed.NODE_ENV !== 'production',
      subgraphTimeoutMs: parsed.SUBGRAPH_TIMEOUT_MS,
    },
    trustedDocuments: parsed.TRUSTED_DOCUMENTS,
    supergraphPath: parsed.SUPERGRAPH_PATH,
    supergraphPollIntervalMs: parsed.SUPERGRAPH_POLL_INTERVAL_MS,
    circuitBreaker: { failures: parsed.CIRCUIT_FAILURES, resetMs: parsed.CIRCUIT_RESET_MS },
    shutdownTimeoutMs: parsed.SHUTDOWN_TIMEOUT_MS,
    corsOrigins: parsed.CORS_ORIGINS,
    responseCacheMb: parsed.RESPONSE_CACHE_MB,
  };
}
