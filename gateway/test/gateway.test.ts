import { agencyCaller, authConfigFromEnv, authEnvSchema } from '@soilgraph/auth';
import { composeSupergraph } from '@soilgraph/schema';
import { createLogger } from '@soilgraph/server-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GatewayContext } from '../src/access.ts';
import { createGateway } from '../src/server.ts';

// Nothing listens on port 9 (discard) here: every subgraph call is refused.
const unreachable = Object.fromEntries(
  ['planning', 'environment', 'agriculture', 'water', 'geology'].map((name) => [name, `http://127.0.0.1:9/${name}`]),
);
const auth = authConfigFromEnv(authEnvSchema.parse({}));
const gateway = createGateway({ supergraphSdl: composeSupergraph(), subgraphUrls: unreachable, auth, logger: createLogger('gateway', 'silent') });
// A signed-in caller: these tests are about loading the supergraph and reaching subgraphs, not access.
const contextValue: GatewayContext = { caller: agencyCaller('planning', 'test:planning'), authorization: undefined, signature: '' };

beforeAll(() => gateway.start());
afterAll(() => gateway.stop());

describe('the gateway', () => {
  it('loads the composed supergraph', async () => {
    const response = await gateway.executeOperation({ query: '{ __schema { queryType { name } } }' }, { contextValue });
    expect(response.body.kind === 'single' && response.body.singleResult.data).toEqual({ __schema: { queryType: { name: 'Query' } } });
  });

  it('answers SUBGRAPH_UNAVAILABLE, naming the agency, when a subgraph cannot be reached', async () => {
    const response = await gateway.executeOperation({ query: '{ district(code: "110108") { name } }' }, { contextValue });
    const result = response.body.kind === 'single' ? response.body.singleResult : undefined;
    expect(result?.data?.district ?? null).toBeNull();
    expect(result?.errors?.[0]?.extensions).toMatchObject({ code: 'SUBGRAPH_UNAVAILABLE', serviceName: 'planning' });
    expect(result?.errors?.[0]?.message).toMatch(/planning subgraph is unavailable/);
  });

  it('refuses subgraph URLs that are not URLs when it is built', () => {
    expect(() =>
      createGateway({ supergraphSdl: composeSupergraph(), subgraphUrls: { planning: 'not a url' }, auth, logger: createLogger('gateway', 'silent') }),
    ).toThrow(/subgraphUrls.planning is not a URL/);
  });
});
