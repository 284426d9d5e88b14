import { adminQuery, type Agency, AGENCIES, sqlStatementCount } from '@soilgraph/db';
import { routeOf } from '@soilgraph/server-kit';
import { type RunningStack, startStack } from '@soilgraph/stack';
import { createTestDatabase, type TestDatabase, testAuthConfig, testDatabaseUrl, tokenFor } from '@soilgraph/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/*
 * The gateway's response cache (gateway/src/response-cache.ts): a whole answer is reused while
 * every agency's data version is the one it was computed at. This file runs a stack of its own,
 * in this process, on a fresh database at demo scale 1, so that it can write to the tables by
 * hand and count each request's SQL statements (the shared stack runs in another process).
 */

let stack: RunningStack;
/** On Postgres, the stack's database as its owner, to write by hand; PGlite in memory belongs to the stack alone. */
let database: TestDatabase | undefined;

beforeAll(async () => {
  database = testDatabaseUrl() === undefined ? undefined : await createTestDatabase();
  const url = database?.url;
  stack = await startStack({
    database: url === undefined ? { kind: 'pglite' } : { kind: 'postgres', urlFor: () => url },
    host: '127.0.0.1',
    gatewayPort: 0,
    subgraphPorts: Object.fromEntries(AGENCIES.map((a) => [a, 0])) as Record<Agency, number>,
    demo: { scale: 1 },
    logLevel: 'silent',
    auth: testAuthConfig,
  });
});

afterAll(async () => {
  await stack?.stop();
  await database?.close();
});

interface Answer {
  cache: string | null;
  statements: number;
  body: any;
}

async function ask(query: string, token?: Agency, variables?: Record<string, unknown>): Promise<Answer> {
  const authorization: Record<string, string> = token === undefined ? {} : { authorization: `Bearer ${await tokenFor(token)}` };
  const before = sqlStatementCount();
  const response = await fetch(stack.gatewayUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...authorization },
    body: JSON.stringify({ query, variables }),
  });
  const body = await response.json();
  return { cache: response.headers.get('x-soilgraph-cache'), statements: sqlStatementCount() - before, body };
}

const SOIL_RISK = `query Risk($code: ID!) { district(code: $code) { soilRisk { parcelsSampled counts { standard riskLevel parcels } } } }`;

function highParcels(body: any): number {
  return body.data.district.soilRisk.counts.filter((c: { riskLevel: string }) => c.riskLevel === 'HIGH').reduce((n: number, c: { parcels: number }) => n + c.parcels, 0);
}

describe("the gateway's response cache", () => {
  it('answers a repeated query from the kept answer, reading only the data versions of the subgraphs its plan calls', async () => {
    const first = await ask(SOIL_RISK, undefined, { code: '110112' });
    expect(first.body.errors).toBeUndefined();
    expect(first.cache).toBe('miss');
    const again = await ask(SOIL_RISK, undefined, { code: '110112' });
    expect(again.cache).toBe('hit');
    expect(again.body).toEqual(first.body);
    // One data-version read per subgraph of the plan (planning: the district's parcels;
    // environment: the risk; geology: the background values), whatever the answer costs to compute.
    expect(again.statements).toBe(3);
    expect(first.statements).toBeGreaterThan(AGENCIES.length);
    // Other variables are another question.
    expect((await ask(SOIL_RISK, undefined, { code: '110105' })).cache).toBe('miss');

    const metrics = await (await fetch(routeOf(stack.gatewayUrl, '/metrics'))).text();
    expect(metrics).toMatch(/soilgraph_gateway_response_cache_total\{[^}]*outcome="hit"[^}]*\} [1-9]/);
  });

  it.runIf(testDatabaseUrl() !== undefined)('computes afresh after a write by hand to the tables, and gives the new answer', async () => {
    const before = await ask(SOIL_RISK, undefined, { code: '110113' });
    expect((await ask(SOIL_RISK, undefined, { code: '110113' })).cache).toBe('hit');
    // Not through any service: SQL straight to environment's table (the trigger moves its version).
    await adminQuery(
      database!.url!,
      `update environment.measurements set value_mg_per_kg = 50 where analyte = 'CADMIUM'
         and sample_id in (select id from environment.soil_samples where district_code = '110113')`,
    );
    const after = await ask(SOIL_RISK, undefined, { code: '110113' });
    expect(after.cache).toBe('miss');
    expect(highParcels(after.body)).toBeGreaterThan(highParcels(before.body));
    expect(after.body.data.district.soilRisk.parcelsSampled).toBe(before.body.data.district.soilRisk.parcelsSampled);
  });

  it('keeps answers apart per caller', async () => {
    // The source's early warning calls water, planning (its zones' parcels) and environment: worth keeping.
    const query = `{ waterSource(id: "WS-110108-01") { id name location soilEarlyWarning { samplesInZones } } }`;
    const water = await ask(query, 'water');
    expect(water.body.data.waterSource.location.coordinates).toHaveLength(2);
    expect((await ask(query, 'water')).cache).toBe('hit');
    // Planning may not read the intake's location: its own answer, not water's.
    const planning = await ask(query, 'planning');
    expect(planning.cache).not.toBe('hit');
    expect(planning.body.data?.waterSource?.location ?? null).toBeNull();
    expect(planning.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('does not keep an answer with errors', async () => {
    // Dates the wrong way round: environment refuses them, in a plan of several calls (worth keeping).
    const query = `{ waterSource(id: "WS-110108-01") { soilEarlyWarning(sampled: { from: "2024-01-01", to: "2020-01-01" }) { samplesInZones } } }`;
    const first = await ask(query, 'water');
    expect(first.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(first.cache).toBe('miss');
    expect((await ask(query, 'water')).cache).toBe('miss');
  });

  it('answers without the cache, and without reading data versions, an operation whose plan is one subgraph call', async () => {
    // A page of parcels: planning alone, a few indexed statements whatever the data's size.
    const query = `{ parcels(first: 3) { edges { node { id landUse } } } }`;
    const first = await ask(query, 'planning');
    // Not planned yet: as far as the cache knows it could depend on every agency.
    expect(first.cache).toBe('miss');
    const again = await ask(query, 'planning');
    expect(again.cache).toBe('bypass');
    expect(again.body).toEqual(first.body);
    // The same statements, less the five version reads of the first request.
    expect(again.statements).toBe(first.statements - AGENCIES.length);
    // A plan without any subgraph call.
    await ask('{ __typename }');
    expect((await ask('{ __typename }')).cache).toBe('bypass');
    // The same page with geology's soil type under each parcel: two calls, one after the other, kept.
    const across = `{ parcels(first: 3) { edges { node { id landUse geology { soilType } } } } }`;
    expect((await ask(across, 'planning')).cache).toBe('miss');
    const hit = await ask(across, 'planning');
    expect(hit.cache).toBe('hit');
    // Planning's and geology's versions only.
    expect(hit.statements).toBe(2);
  });

  it('computes identical requests that arrive together once', async () => {
    const answers = await Promise.all(Array.from({ length: 4 }, () => ask(SOIL_RISK, 'environment', { code: '110114' })));
    // One computes; the others wait for it (or, arriving after it ended, find it kept).
    const outcomes = answers.map((a) => a.cache);
    expect(outcomes.filter((o) => o === 'miss')).toHaveLength(1);
    expect(outcomes.filter((o) => o === 'shared' || o === 'hit')).toHaveLength(3);
    for (const a of answers) expect(a.body).toEqual(answers[0]!.body);
  });
});
