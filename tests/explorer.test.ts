import { describe, expect, it } from 'vitest';
import { inject } from 'vitest';

const gatewayUrl = inject('gatewayUrl');

describe('the explorer on the gateway GET page', () => {
  it('serves GraphiQL to a browser, with every script and stylesheet from the gateway itself', async () => {
    const response = await fetch(gatewayUrl, { headers: { accept: 'text/html' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/text\/html/);
    const html = await response.text();
    const assets = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]!);
    expect(assets.length).toBeGreaterThanOrEqual(4);
    for (const asset of assets) {
      expect(asset, 'no asset is loaded from another host').toMatch(/^\/[^/]/);
      const file = await fetch(new URL(asset, gatewayUrl));
      expect(file.status, asset).toBe(200);
      expect((await file.arrayBuffer()).byteLength, asset).toBeGreaterThan(1000);
    }
    expect(html).toContain('GraphiQL');
  });

  it('answers a GET that carries a query as GraphQL, not as the page', async () => {
    const url = new URL(gatewayUrl);
    url.searchParams.set('query', '{ district(code: "110105") { name } }');
    const response = await fetch(url, { headers: { accept: 'application/json', 'apollo-require-preflight': 'true' } });
    expect(await response.json()).toEqual({ data: { district: { name: 'Chaoyang' } } });
  });

  it('sends the site root to the explorer', async () => {
    const response = await fetch(new URL('/', gatewayUrl), { redirect: 'manual' });
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe('/graphql');
  });

  it('says 404 for an asset it does not have', async () => {
    const response = await fetch(new URL('/explorer/nothing.js', gatewayUrl));
    expect(response.status).toBe(404);
  });
});
