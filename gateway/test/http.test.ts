import type { RunningHttpService } from '@soilgraph/server-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS, loadGatewayConfig } from '../src/config.ts';
import { gatewayFromEnv, post, refusal, send } from './support.ts';

// The request-level protections, over HTTP: body size, batches, GET, CSRF, introspection.
let strict: RunningHttpService;
let open: RunningHttpService;
beforeAll(async () => {
  strict = await gatewayFromEnv({ NODE_ENV: 'production', BODY_LIMIT: '1mb' });
  open = await gatewayFromEnv({ NODE_ENV: 'production', ALLOW_INTROSPECTION: 'true', ALLOW_BATCHED_REQUESTS: 'true' });
});
afterAll(async () => {
  await strict?.close();
  await open?.close();
});

describe('the request body', () => {
  it('refuses a 5 MB body over BODY_LIMIT=1mb with a JSON GraphQL error, not an HTML page', async () => {
    const body = JSON.stringify({ query: '{ __typename }', variables: { padding: 'x'.repeat(5 * 1024 * 1024) } });
    const answer = await send(strict.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    expect(answer.status).toBe(413);
    expect(answer.contentType).toMatch(/^application\/json/);
    expect(refusal(answer)).toEqual({ message: 'The request body is larger than the limit of 1mb', extensions: { code: 'PAYLOAD_TOO_LARGE' } });
  });

  it('takes a 5 MB body under the default limit, for a batch of 5,000 submitted samples', async () => {
    expect(DEFAULT_LIMITS.bodyLimit).toBe('16mb');
    const body = JSON.stringify({ query: '{ __typename }', extensions: { padding: 'x'.repeat(5 * 1024 * 1024) } });
    const answer = await send(open.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    expect(answer.status).toBe(200);
    expect(answer.data).toEqual({ __typename: 'Query' });
  });

  it('answers malformed JSON with a JSON GraphQL error', async () => {
    const answer = await send(strict.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query": ' });
    expect(answer.status).toBe(400);
    expect(answer.contentType).toMatch(/^application\/json/);
    expect(refusal(answer).extensions).toEqual({ code: 'BAD_REQUEST' });
  });
});

describe('batches, GET and CSRF', () => {
  const batch = [{ query: '{ __typename }' }, { query: 'query Again { __typename }' }];

  it('refuses an array of operations unless ALLOW_BATCHED_REQUESTS is on', async () => {
    const answer = await post(strict.url, batch);
    expect(answer.status).toBe(400);
    expect(refusal(answer)).toMatchObject({ message: 'Operation batching disabled.', extensions: { code: 'BAD_REQUEST' } });
    const allowed = await send(open.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(batch) });
    expect(JSON.parse(allowed.text)).toEqual([{ data: { __typename: 'Query' } }, { data: { __typename: 'Query' } }]);
  });

  it('refuses a mutation sent by GET with 405, and runs a query sent by GET', async () => {
    const get = (query: string) =>
      send(`${strict.url}?${new URLSearchParams({ query })}`, { headers: { accept: 'application/json', 'apollo-require-preflight': 'true' } });
    const answer = await get('mutation { submitSoilSamples(samples: []) { created } }');
    expect(answer.status).toBe(405);
    expect(refusal(answer)).toMatchObject({
      message: 'GET requests only support query operations, not mutation operations',
      extensions: { code: 'BAD_REQUEST' },
    });
    expect((await get('{ __typename }')).data).toEqual({ __typename: 'Query' });
  });

  it('refuses a text/plain POST, which a browser sends cross-site without asking (CSRF)', async () => {
    const answer = await send(strict.url, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: JSON.stringify({ query: '{ __typename }' }) });
    expect(answer.status).toBe(400);
    const error = refusal(answer);
    expect(error.extensions?.code).toBe('BAD_REQUEST');
    expect(error.message).toMatch(/blocked as a potential Cross-Site Request Forgery/);
  });
});

describe('introspection and schema details', () => {
  const introspection = '{ __schema { queryType { name } } }';

  it('refuses introspection in production unless ALLOW_INTROSPECTION is on', async () => {
    const error = refusal(await post(strict.url, { query: introspection }));
    expect(error.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(error.message).toMatch(/introspection is not allowed/);
    expect((await post(open.url, { query: introspection })).data).toEqual({ __schema: { queryType: { name: 'Query' } } });
  });

  it('turns introspection on outside production, and ALLOW_INTROSPECTION decides when set', () => {
    expect(loadGatewayConfig({}).limits.allowIntrospection).toBe(true);
    expect(loadGatewayConfig({ NODE_ENV: 'production' }).limits.allowIntrospection).toBe(false);
    expect(loadGatewayConfig({ NODE_ENV: 'production', ALLOW_INTROSPECTION: 'true' }).limits.allowIntrospection).toBe(true);
    expect(loadGatewayConfig({ ALLOW_INTROSPECTION: 'false' }).limits.allowIntrospection).toBe(false);
  });

  it('does not suggest field or value names in its errors', async () => {
    const field = refusal(await post(strict.url, { query: '{ district(code: "110108") { nam } }' }));
    expect(field.message).toBe('Cannot query field "nam" on type "District".');
    const value = refusal(await post(strict.url, { query: '{ monitoringPoints(filter: { level: NATIONL }) { totalCount } }' }));
    expect(value.message).toBe('Value "NATIONL" does not exist in "NetworkLevel" enum.');
    const variables = { filter: { level: 'NATIONL' } };
    const query = 'query ($filter: MonitoringPointFilter) { monitoringPoints(filter: $filter) { totalCount } }';
    const variable = refusal(await post(strict.url, { query, variables }));
    expect(variable).toEqual({
      message: 'Variable "$filter" got invalid value "NATIONL" at "filter.level"; Value "NATIONL" does not exist in "NetworkLevel" enum.',
      extensions: { code: 'BAD_USER_INPUT' },
    });
  });
});

describe('compression', () => {
  const introspection = JSON.stringify({ query: '{ __schema { types { name fields { name } } } }' });
  const ask = (acceptEncoding: string) =>
    fetch(open.url, { method: 'POST', headers: { 'content-type': 'application/json', 'accept-encoding': acceptEncoding }, body: introspection });

  it('gzips an answer for a client that accepts it, and sends it as it is to one that does not', async () => {
    const gzipped = await ask('gzip');
    expect(gzipped.headers.get('content-encoding')).toBe('gzip');
    const plain = await ask('identity');
    expect(plain.headers.get('content-encoding')).toBeNull();
    const text = await plain.text();
    expect(text.length).toBeGreaterThan(1024);
    // fetch decodes the gzipped body: the same answer.
    expect(await gzipped.text()).toBe(text);
    expect(JSON.parse(text).data.__schema.types.length).toBeGreaterThan(10);
  });

  it('does not hash an answer into an ETag: a GraphQL POST is never revalidated', async () => {
    const answer = await ask('identity');
    expect(answer.status).toBe(200);
    expect(answer.headers.get('etag')).toBeNull();
  });
});
