import { authConfigFromEnv, authEnvSchema } from '@soilgraph/auth';
import { readSupergraph } from '@soilgraph/schema';
import { createLogger, type RunningHttpService } from '@soilgraph/server-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { corsOriginsList, loadGatewayConfig } from '../src/config.ts';
import { startGateway } from '../src/server.ts';
import { gatewayFromEnv, send, unreachableSubgraphs } from './support.ts';

// CORS_ORIGINS (cors.ts): the origins whose pages may call /graphql and /export from a browser.

const DASHBOARD = 'http://localhost:5173';

describe('CORS_ORIGINS', () => {
  it('is comma-separated origins, a trailing slash dropped; empty or unset is none', () => {
    expect(loadGatewayConfig({}).corsOrigins).toEqual([]);
    expect(loadGatewayConfig({ CORS_ORIGINS: '' }).corsOrigins).toEqual([]);
    expect(loadGatewayConfig({ CORS_ORIGINS: `${DASHBOARD}/, https://dashboard.example.org:8443` }).corsOrigins).toEqual([DASHBOARD, 'https://dashboard.example.org:8443']);
  });

  it.each(['localhost:5173', '*', 'http://localhost:5173/dashboard', 'ftp://files.example.org', 'https://user:pw@example.org', 'http://localhost:5173?x=1'])('refuses %s: not an origin', (value) => {
    const parsed = corsOriginsList.safeParse(value);
    expect(parsed.success).toBe(false);
  });

  it('startGateway refuses an option that is not an origin, naming it', () => {
    expect(() =>
      startGateway({
        supergraphSdl: readSupergraph(),
        subgraphUrls: unreachableSubgraphs,
        auth: authConfigFromEnv(authEnvSchema.parse({})),
        logger: createLogger('gateway', 'silent'),
        host: '127.0.0.1',
        port: 0,
        corsOrigins: ['http://localhost:5173/app'],
      }),
    ).toThrow(/corsOrigins\[0\] "http:\/\/localhost:5173\/app" must be an origin/);
  });
});

describe('a gateway with CORS_ORIGINS', () => {
  let gateway: RunningHttpService;
  let closed: RunningHttpService;
  beforeAll(async () => {
    gateway = await gatewayFromEnv({ CORS_ORIGINS: `${DASHBOARD},https://dashboard.example.org` });
    closed = await gatewayFromEnv();
  });
  afterAll(async () => {
    await gateway?.close();
    await closed?.close();
  });
  const at = (service: RunningHttpService, path: string) => service.url.replace(/\/graphql$/, path);
  const preflight = (url: string, origin: string, method = 'POST') =>
    fetch(url, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': method, 'access-control-request-headers': 'authorization,content-type,x-request-id' } });

  it.each([
    ['/graphql', 'POST'],
    ['/export/parcels.csv', 'GET'],
  ])('%s: a preflight from an allowed origin passes, with the token, content type and request id headers', async (path, method) => {
    const response = await preflight(at(gateway, path), DASHBOARD, method);
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe(DASHBOARD);
    expect(response.headers.get('access-control-allow-methods')).toBe('GET,POST');
    expect(response.headers.get('access-control-allow-headers')).toBe('authorization,content-type,x-request-id');
    expect(response.headers.get('access-control-allow-credentials')).toBeNull();
    expect(response.headers.get('vary')).toMatch(/Origin/);
  });

  it.each(['/graphql', '/export/parcels.csv'])('%s: a preflight from another origin gets no allow header', async (path) => {
    const response = await preflight(at(gateway, path), 'https://elsewhere.example');
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('answers a query from an allowed origin with the headers a page needs to read it', async () => {
    const response = await fetch(gateway.url, { method: 'POST', headers: { origin: DASHBOARD, 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ __typename }' }) });
    expect(await response.json()).toEqual({ data: { __typename: 'Query' } });
    expect(response.headers.get('access-control-allow-origin')).toBe(DASHBOARD);
    expect(response.headers.get('access-control-expose-headers')).toBe('x-request-id,content-disposition,x-total-count');
  });

  it('an export refused from an allowed origin still carries the header, so the page can read why', async () => {
    const answer = await send(at(gateway, '/export/parcels.csv'), { headers: { origin: 'https://dashboard.example.org' } });
    expect(answer.status).toBe(401);
    expect(answer.errors![0]!.extensions!.code).toBe('UNAUTHENTICATED');
    const response = await fetch(at(gateway, '/export/parcels.csv'), { headers: { origin: 'https://dashboard.example.org' } });
    expect(response.headers.get('access-control-allow-origin')).toBe('https://dashboard.example.org');
  });

  it('leaves the other routes alone', async () => {
    const response = await fetch(at(gateway, '/healthz'), { headers: { origin: DASHBOARD } });
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('without CORS_ORIGINS: no CORS headers at all', async () => {
    for (const path of ['/graphql', '/export/parcels.csv']) {
      const response = await preflight(at(closed, path), DASHBOARD);
      expect([...response.headers.keys()].filter((h) => h.startsWith('access-control-'))).toEqual([]);
    }
  });
});
