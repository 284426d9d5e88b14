import type { RunningHttpService } from '@soilgraph/server-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS } from '../src/config.ts';
import { type Answer, gatewayFromEnv, post, refusal } from './support.ts';

// Every request below is refused, or let through, before the gateway plans it: the subgraphs
// are unreachable, so an operation that passes every limit ends in SUBGRAPH_UNAVAILABLE.
let gateway: RunningHttpService;
let small: RunningHttpService;
beforeAll(async () => {
  gateway = await gatewayFromEnv();
  small = await gatewayFromEnv({ MAX_DEPTH: '4', MAX_ROOT_FIELDS: '2', MAX_ALIASES: '2', MAX_COST: '200' });
});
afterAll(async () => {
  await gateway?.close();
  await small?.close();
});

/** The operation passed every limit: it was planned and sent to the (unreachable) subgraphs. */
function expectPlanned(answer: Answer): void {
  expect(answer.errors?.length, answer.text).toBeGreaterThan(0);
  expect(answer.errors!.map((e) => e.extensions?.code)).toEqual(answer.errors!.map(() => 'SUBGRAPH_UNAVAILABLE'));
}

/** `count` aliased copies of `selection`: a0: ..., a1: ... */
const aliased = (count: number, selection: string) => Array.from({ length: count }, (_, i) => `a${i}: ${selection}`).join(' ');

describe('the shape limits', () => {
  it(`refuses an operation nested deeper than ${DEFAULT_LIMITS.maxDepth} fields`, async () => {
    // district > parcels > edges > node, three times over, then id: 13 levels.
    const query = `{ district(code: "110108") { parcels(first: 1) { edges { node { district { parcels(first: 1) { edges { node {
      district { parcels(first: 1) { edges { node { id } } } } } } } } } } } } }`;
    const error = refusal(await post(gateway.url, { query }));
    expect(error.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(error.message).toBe(`Query depth limit of ${DEFAULT_LIMITS.maxDepth} exceeded, found 13.`);
  });

  it('lets an operation exactly as deep as MAX_DEPTH through, and refuses one level more', async () => {
    expectPlanned(await post(small.url, { query: '{ districts(first: 1) { edges { node { name } } } }' }));
    const answer = await post(small.url, { query: '{ districts(first: 1) { edges { node { monitoringNetwork { samples } } } } }' });
    expect(answer.status).toBe(400);
    expect(refusal(answer).message).toBe('Query depth limit of 4 exceeded, found 5.');
  });

  it(`refuses more than ${DEFAULT_LIMITS.maxRootFields} root fields, and lets ${DEFAULT_LIMITS.maxRootFields} through`, async () => {
    const wide = (n: number) => `{ ${aliased(n, 'district(code: "110108") { name }')} }`;
    expectPlanned(await post(gateway.url, { query: wide(DEFAULT_LIMITS.maxRootFields) }));
    const error = refusal(await post(gateway.url, { query: wide(DEFAULT_LIMITS.maxRootFields + 1) }));
    expect(error.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(error.message).toBe(`Root fields limit of ${DEFAULT_LIMITS.maxRootFields} exceeded, found ${DEFAULT_LIMITS.maxRootFields + 1}.`);
  });

  it('counts root fields spread from fragments', async () => {
    const query = '{ ...Both district(code: "110101") { name } } fragment Both on Query { a: district(code: "110102") { name } b: district(code: "110105") { name } }';
    expect(refusal(await post(small.url, { query })).message).toBe('Root fields limit of 2 exceeded, found 3.');
  });

  it(`refuses more than ${DEFAULT_LIMITS.maxAliases} aliases, and lets ${DEFAULT_LIMITS.maxAliases} through`, async () => {
    const aliases = (n: number) => `{ district(code: "110108") { ${aliased(n, 'name')} } }`;
    expectPlanned(await post(gateway.url, { query: aliases(DEFAULT_LIMITS.maxAliases) }));
    const error = refusal(await post(gateway.url, { query: aliases(DEFAULT_LIMITS.maxAliases + 1) }));
    expect(error.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(error.message).toBe(`Aliases limit of ${DEFAULT_LIMITS.maxAliases} exceeded, found ${DEFAULT_LIMITS.maxAliases + 1}.`);
  });

  it(`refuses more than ${DEFAULT_LIMITS.maxDirectives} directives`, async () => {
    const query = `{ district(code: "110108") { ${'name @include(if: true) '.repeat(DEFAULT_LIMITS.maxDirectives + 1)} } }`;
    expect(refusal(await post(gateway.url, { query })).message).toBe(
      `Directives limit of ${DEFAULT_LIMITS.maxDirectives} exceeded, found ${DEFAULT_LIMITS.maxDirectives + 1}.`,
    );
  });

  it(`refuses a document of more than ${DEFAULT_LIMITS.maxTokens} tokens before parsing it whole, and lets ${DEFAULT_LIMITS.maxTokens} through`, async () => {
    // `{ district ( code : "110108" ) {` and `} }` are 10 tokens; each field one more. (Two
    // fields in turn: graphql-js stops comparing a thousand copies of one field as too much work.)
    const fields = (n: number) => Array.from({ length: n }, (_, i) => (i % 2 ? 'name' : 'code')).join(' ');
    const tokens = (n: number) => `{ district(code: "110108") { ${fields(n - 10)} } }`;
    expectPlanned(await post(gateway.url, { query: tokens(DEFAULT_LIMITS.maxTokens) }));
    const answer = await post(gateway.url, { query: tokens(DEFAULT_LIMITS.maxTokens + 1) });
    expect(answer.status).toBe(400);
    const error = refusal(answer);
    expect(error.extensions?.code).toBe('GRAPHQL_PARSE_FAILED');
    expect(error.message).toMatch(new RegExp(`more that ${DEFAULT_LIMITS.maxTokens} tokens`));
  });

  it('refuses a fragment cycle at once, without following it', async () => {
    const started = Date.now();
    const query = `{ district(code: "110108") { ...A } }
      fragment A on District { name parcels(first: 1) { edges { node { district { ...B } } } } }
      fragment B on District { ...A }`;
    const error = refusal(await post(gateway.url, { query }));
    expect(error.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(error.message).toMatch(/Cannot spread fragment "A" within itself via "B"/);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('refuses fragments that expand to billions of fields, without expanding them', async () => {
    // F40 spreads F39 twice, which spreads F38 twice...: 2^40 selections of `name`.
    let fragments = 'fragment F0 on District { name }';
    for (let i = 1; i <= 40; i++) fragments += ` fragment F${i} on District { ...F${i - 1} ...F${i - 1} }`;
    const started = Date.now();
    const error = refusal(await post(gateway.url, { query: `{ district(code: "110108") { ...F40 } } ${fragments}` }));
    expect(error.extensions).toMatchObject({ code: 'GRAPHQL_VALIDATION_FAILED', validationErrorCode: 'MAX_RECURSIVE_SELECTIONS_EXCEEDED' });
    expect(Date.now() - started).toBeLessThan(2000);
  });
});

describe('the cost budget', () => {
  // Per parcel: edge 1 + node 1 + soilSamples 1 + 100 samples x (edge 1 + node 1 + 10 measurements x 1).
  const nestedCost = 1 + 100 * (1 + 1 + 1 + 100 * (1 + 1 + 10));
  const nested = (first: string) =>
    `{ parcels(first: ${first}) { edges { node { id soilSamples(first: 100) { edges { node { id pH measurements { analyte mgPerKg } } } } } } } }`;

  it('refuses 100 samples with their measurements nested in each of 100 parcels, saying the cost and the limit', async () => {
    const answer = await post(gateway.url, { query: nested('100') });
    expect(answer.status).toBe(400);
    const error = refusal(answer);
    expect(error.extensions).toEqual({ code: 'COST_ESTIMATED_TOO_EXPENSIVE', cost: nestedCost, maxCost: DEFAULT_LIMITS.maxCost });
    expect(error.message).toBe(
      `The operation's estimated cost is ${nestedCost}, over the limit of ${DEFAULT_LIMITS.maxCost}: ask for smaller pages (first) or fewer nested lists`,
    );
  });

  it('counts `first` given as a variable, or as the variable default', async () => {
    const query = `query Nested($n: Int) ${nested('$n')}`;
    expect(refusal(await post(gateway.url, { query, variables: { n: 100 } })).extensions).toMatchObject({ cost: nestedCost });
    const withDefault = `query Nested($n: Int = 100) ${nested('$n')}`;
    expect(refusal(await post(gateway.url, { query: withDefault })).extensions).toMatchObject({ cost: nestedCost });
  });

  it('lets an operation through at the budget, and refuses it one item over (MAX_COST)', async () => {
    // districts: 1, plus `first` x (edge 1 + node 1).
    const query = 'query ($n: Int) { districts(first: $n) { totalCount edges { node { code name } } } }';
    expectPlanned(await post(small.url, { query, variables: { n: 99 } })); // 199
    expect(refusal(await post(small.url, { query, variables: { n: 100 } })).extensions).toEqual({
      code: 'COST_ESTIMATED_TOO_EXPENSIVE',
      cost: 201,
      maxCost: 200,
    });
  });

  it('refuses variables that cannot be coerced as BAD_USER_INPUT, before planning', async () => {
    const error = refusal(await post(gateway.url, { query: 'query ($n: Int) { districts(first: $n) { totalCount } }', variables: { n: 'many' } }));
    expect(error.extensions?.code).toBe('BAD_USER_INPUT');
    expect(error.message).toMatch(/Variable "\$n" got invalid value "many"/);
  });
});
