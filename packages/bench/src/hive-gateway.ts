import { createServer } from 'node:http';
import {
  createGatewayRuntime,
  createInlineSigningKeyProvider,
  extractFromHeader,
  getBuiltinPluginsFromConfig,
  Logger,
  useJWT,
} from '@graphql-hive/gateway';
import { authConfigFromEnv, authEnvSchema, createGatewaySigner, GATEWAY_SIGNATURE_HEADER } from '@soilgraph/auth';
import { readSupergraph } from '@soilgraph/schema';
import { z } from 'zod';

/*
 * The peer in the benchmark: Hive Gateway (@graphql-hive/gateway) as its own process, on the same
 * checked-in supergraph and in front of the same subgraph processes as our gateway. It does what
 * ours must do for the subgraphs to answer at all, and what a deployment would switch on:
 * - verifies the caller's token (HS256, issuer, audience), anonymous callers allowed;
 * - passes the Authorization header on and adds our gateway signature (GATEWAY_SECRET) over it,
 *   signed once per request as our gateway does: the subgraphs refuse calls without it;
 * - refuses deep and long documents (max depth 12 and 1000 tokens, our defaults) and hides field
 *   suggestions;
 * - makes every subgraph call a request needs, as ours does (HIVE_DEDUPLICATE below).
 * It does not estimate cost or check the published-only rule for anonymous callers: those are ours.
 */

const env = z
  .object({
    PORT: z.coerce.number().int().min(0),
    HOST: z.string().default('127.0.0.1'),
    AUTH_SECRET: z.string().min(32),
    SUBGRAPH_URLS: z.string().transform((s) => z.record(z.string(), z.url()).parse(JSON.parse(s))),
    /**
     * Hive Gateway shares one subgraph call between identical queries in flight at once (its HTTP
     * executor's deduplicateInflightRequests, on by default). Our gateway does not; a benchmark that
     * sends the same operation on every connection would measure mostly that. Off unless "true".
     */
    HIVE_DEDUPLICATE: z.enum(['true', 'false']).default('false'),
  })
  .parse(process.env);
const auth = authConfigFromEnv(authEnvSchema.parse(process.env));

/** The supergraph with each subgraph's URL replaced by where it listens in this run. */
function supergraphWithUrls(sdl: string, urls: Record<string, string>): string {
  return sdl.replace(/@join__graph\(name: "(\w+)", url: "[^"]*"\)/g, (whole, name: string) => {
    const url = urls[name];
    if (url === undefined) throw new Error(`hive-gateway: no URL for subgraph ${name}`);
    return `@join__graph(name: "${name}", url: "${url}")`;
  });
}

// Signed as our gateway signs (access.ts): once per Authorization header and half-minute, shared by the subgraph calls.
const sign = createGatewaySigner(auth);
function signatureFor(request: Request): Promise<string> {
  return sign(request.headers.get('authorization') ?? undefined);
}

const log = new Logger({ level: 'warn' });
const builtins = await getBuiltinPluginsFromConfig({ maxDepth: 12, maxTokens: 1000, blockFieldSuggestions: true }, { log } as never);
const gateway = createGatewayRuntime({
  supergraph: supergraphWithUrls(readSupergraph(), env.SUBGRAPH_URLS),
  logging: log,
  transportEntries: { '*': { options: { deduplicateInflightRequests: env.HIVE_DEDUPLICATE === 'true' } } },
  graphiql: false,
  landingPage: false,
  propagateHeaders: {
    fromClientToSubgraphs: async ({ request }) => ({
      authorization: request.headers.get('authorization') ?? undefined,
      [GATEWAY_SIGNATURE_HEADER]: await signatureFor(request),
    }),
  },
  // The armor plugins do not carry the gateway's context type (Hive's own CLI casts them too).
  plugins: () => [
    useJWT({
      signingKeyProviders: [createInlineSigningKeyProvider(env.AUTH_SECRET)],
      tokenLookupLocations: [extractFromHeader({ name: 'authorization', prefix: 'Bearer' })],
      tokenVerification: { issuer: auth.issuer, audience: auth.audience, algorithms: ['HS256'] },
      reject: { missingToken: false, invalidToken: true },
    }),
    ...builtins,
  ] as never,
});

const server = createServer(gateway);
server.listen(env.PORT, env.HOST, () => {
  const address = server.address();
  process.stdout.write(`hive-gateway listening on ${typeof address === 'object' && address ? address.port : env.PORT}\n`);
});
const stop = () => {
  server.close();
  void Promise.resolve(gateway.dispose()).finally(() => process.exit(0));
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
