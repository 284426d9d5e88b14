import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DistrictParcelsDocument, PublishedCityDocument } from '../src/generated/graphql.ts';
import { request, SoilGraphError } from '../src/request.ts';

/** A stand-in gateway: answers each request with the next canned reply and records what it got. */
let server: Server;
let url: string;
const replies: { status: number; type?: string; body: string }[] = [];
const received: { headers: IncomingMessage['headers']; body: any }[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    let text = '';
    req.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
    req.on('end', () => {
      received.push({ headers: req.headers, body: JSON.parse(text) });
      const reply = replies.shift() ?? { status: 500, body: '{}' };
      res.writeHead(reply.status, { 'content-type': reply.type ?? 'application/json' }).end(reply.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const reply = (status: number, body: unknown, type?: string): void => {
  replies.push({ status, body: typeof body === 'string' ? body : JSON.stringify(body), ...(type ? { type } : {}) });
};

describe('request', () => {
  it('POSTs the operation, its variables and name with the bearer token, and returns the data, typed', async () => {
    const parcels = { code: '110112', name: 'Tongzhou', parcels: { totalCount: 0, pageInfo: { hasNextPage: false, endCursor: null }, edges: [] } };
    reply(200, { data: { district: parcels } });
    const data = await request(DistrictParcelsDocument, { districtCode: '110112', first: 5 }, { url, token: 'jwt-1' });
    expect(data.district?.parcels.totalCount).toBe(0);
    const sent = received.at(-1)!;
    expect(sent.headers.authorization).toBe('Bearer jwt-1');
    expect(sent.headers['content-type']).toBe('application/json');
    expect(sent.body.operationName).toBe('DistrictParcels');
    expect(sent.body.variables).toEqual({ districtCode: '110112', first: 5 });
    expect(sent.body.query).toMatch(/^query DistrictParcels\(/);
  });

  it('sends no authorization header without a token', async () => {
    reply(200, { data: { city: {} } });
    await request(PublishedCityDocument, { year: 2020 }, { url });
    expect(received.at(-1)!.headers.authorization).toBeUndefined();
  });

  it('throws a SoilGraphError with every error’s code and path, and the partial data', async () => {
    reply(200, {
      data: { district: null },
      errors: [
        { message: 'Not allowed', path: ['district', 'parcels'], extensions: { code: 'FORBIDDEN', requiredScopes: ['planning:read'] } },
        { message: 'planning did not answer', path: ['district'], extensions: { code: 'SUBGRAPH_UNAVAILABLE', serviceName: 'planning' } },
      ],
    });
    const error = await request(DistrictParcelsDocument, { districtCode: '110112' }, { url }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SoilGraphError);
    const e = error as SoilGraphError;
    expect(e.status).toBe(200);
    expect(e.operationName).toBe('DistrictParcels');
    expect(e.codes).toEqual(['FORBIDDEN', 'SUBGRAPH_UNAVAILABLE']);
    expect(e.errors[0]).toMatchObject({ code: 'FORBIDDEN', path: ['district', 'parcels'], extensions: { requiredScopes: ['planning:read'] } });
    expect(e.data).toEqual({ district: null });
    expect(e.hasCode('FORBIDDEN')).toBe(true);
    expect(e.retryable).toBe(false);
    expect(e.message).toContain('FORBIDDEN at district.parcels: Not allowed');
  });

  it('carries the HTTP status of a refused request, and says when only passing conditions failed it', async () => {
    reply(401, { errors: [{ message: 'Sign in to read District.parcels', extensions: { code: 'UNAUTHENTICATED', fields: ['District.parcels'] } }] });
    const refused = (await request(DistrictParcelsDocument, { districtCode: '110112' }, { url }).catch((e: unknown) => e)) as SoilGraphError;
    expect(refused.status).toBe(401);
    expect(refused.codes).toEqual(['UNAUTHENTICATED']);
    expect(refused.errors[0]!.path).toBeUndefined();
    expect(refused.data).toBeUndefined();

    reply(200, { data: null, errors: [{ message: 'busy', path: ['district'], extensions: { code: 'DATABASE_BUSY' } }] });
    const busy = (await request(DistrictParcelsDocument, { districtCode: '110112' }, { url }).catch((e: unknown) => e)) as SoilGraphError;
    expect(busy.retryable).toBe(true);
  });

  it('turns an answer that is not GraphQL (a proxy’s error page) into a SoilGraphError without a code', async () => {
    reply(502, '<html>Bad Gateway</html>', 'text/html');
    const error = (await request(DistrictParcelsDocument, { districtCode: '110112' }, { url }).catch((e: unknown) => e)) as SoilGraphError;
    expect(error).toBeInstanceOf(SoilGraphError);
    expect(error.status).toBe(502);
    expect(error.errors).toHaveLength(1);
    expect(error.errors[0]!.code).toBeUndefined();
    expect(error.message).toContain('not a GraphQL answer');
  });
});
