import { randomBytes } from 'node:crypto';
import { type AuthConfig, agencyScopes, authConfigFromEnv, authEnvSchema, mintToken } from '@soilgraph/auth';
import { type Agency, AGENCIES } from '@soilgraph/db';
import pg from 'pg';

/** What `pnpm bench` and `pnpm soak` start their services and send their requests with. */
export interface RunSecrets {
  /** AUTH_SECRET and GATEWAY_SECRET for the services' environment. */
  authEnv: { AUTH_SECRET: string; GATEWAY_SECRET: string };
  auth: AuthConfig;
  /** A token of each agency with all its scopes, for 12 hours. */
  tokens: Record<Agency, string>;
}

/** Fresh secrets for one run (the services run in production mode, which refuses the public development ones) and a token per agency. */
export async function freshRunSecrets(subject: string): Promise<RunSecrets> {
  const authEnv = { AUTH_SECRET: randomBytes(32).toString('base64url'), GATEWAY_SECRET: randomBytes(32).toString('base64url') };
  const auth = authConfigFromEnv(authEnvSchema.parse({ ...authEnv, NODE_ENV: 'production' }));
  const tokens = Object.fromEntries(
    await Promise.all(AGENCIES.map(async (agency) => [agency, await mintToken(auth, { agency, subject, scopes: agencyScopes(agency), expiresIn: '12h' })] as const)),
  ) as Record<Agency, string>;
  return { authEnv, auth, tokens };
}

/** The Postgres server's version, for the report. */
export async function postgresVersion(url: string): Promise<string> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<{ server_version: string }>('show server_version')).rows[0]!.server_version;
  } finally {
    await client.end();
  }
}
