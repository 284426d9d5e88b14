import { type AuthConfig, agencyScopes, authConfigFromEnv, authEnvSchema, GATEWAY_SIGNATURE_HEADER, mintToken, type Scope, signGatewayRequest } from '@soilgraph/auth';
import type { Agency } from '@soilgraph/db';

/**
 * The secrets the tests' services use. They differ from the public development secrets so that
 * the tests also run the configuration a deployment has (NODE_ENV=production refuses those).
 */
export const TEST_AUTH_ENV = {
  AUTH_SECRET: 'soilgraph-test-suite-token-secret-0123456789',
  GATEWAY_SECRET: 'soilgraph-test-suite-gateway-secret-0123456789',
} as const;

export const testAuthConfig: AuthConfig = authConfigFromEnv(authEnvSchema.parse(TEST_AUTH_ENV));

/** A token of one agency for the tests: by default with every scope of the agency. */
export function tokenFor(agency: Agency, scopes: readonly Scope[] = agencyScopes(agency), expiresIn = '10m'): Promise<string> {
  return mintToken(testAuthConfig, { agency, subject: `test:${agency}`, scopes, expiresIn });
}

/**
 * The headers the gateway would send a subgraph for a caller of `agency` (all its scopes), or
 * for an anonymous caller: for tests that call one subgraph process directly.
 */
export async function gatewayHeaders(agency?: Agency): Promise<Record<string, string>> {
  const authorization = agency === undefined ? undefined : `Bearer ${await tokenFor(agency)}`;
  return {
    ...(authorization === undefined ? {} : { authorization }),
    [GATEWAY_SIGNATURE_HEADER]: await signGatewayRequest(testAuthConfig, authorization),
  };
}
