import type { RunningHttpService } from '@soilgraph/server-kit';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CIRCUIT_BREAKER, loadGatewayConfig } from '../src/config.ts';
import { answeringSubgraph, fakeSubgraph, flakySubgraph, gatewayFromEnv, post, signedIn, unreachableSubgraphs } from './support.ts';

// A gateway in front of stand-in subgraphs (plain HTTP servers answering what the gateway asks)
// and dead ones (port 9, where nothing listens): what a client gets when one agency is down.

/**
 * The settings of the tests that count the connections and requests a subgraph gets: without the
 * response cache, whose data-version reads (GET /data-version before each query) would be counted too.
 */
const CALLS_ONLY = { RESPONSE_CACHE_MB: '0' };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** What the stand-in planning subgraph answers: one district, and a page of two. */
const PLANNING = {
  district: { __typename: 'District', code: '110108', name: 'Haidian' },
  districts: { edges: [{ node: { __typename: 'District', code: '110101' } }, { node: { __typename: 'District', code: '110102' } }] },
};
/** Planning's fields, and geology's dominantSoilType of each district (an entity call per position). */
const ACROSS = '{ district(code: "110108") { name dominantSoilType } districts(first: 2) { edges { node { code dominantSoilType } } } }';
const ACROSS_PATHS = [
  ['district', 'dominantSoilType'],
  ['districts', 'edges', 0, 'node', 'dominantSoilType'],
  ['districts', 'edges', 1, 'node', 'dominantSoilType'],
];
const ACROSS_WITHOUT_GEOLOGY = {
  district: { name: 'Haidian', dominantSoilType: null },
  districts: { edges: [{ node: { code: '110101', dominantSoilType: null } }, { node: { code: '110102', dominantSoilType: null } }] },
};
/** A root field of planning's beside one of geology's. */
const ROOTS = '{ district(code: "110108") { name } surveyPoint(id: "GS-110111-0001") { id } }';

const closing: { close(): Promise<void> }[] = [];
afterEach(async () => {
  for (const service of closing.splice(0).reverse()) await service.close();
});
/** Starts something that the current test closes when it ends. */
async function started<T extends { close(): Promise<void> }>(service: Promise<T>): Promise<T> {
  const running = await service;
  closing.push(running);
  return running;
}

let headers: Record<string, string>;
beforeAll(async () => {
  headers = await signedIn();
});

describe('one subgraph down (partial failure)', () => {
  let planning: Awaited<ReturnType<typeof answeringSubgraph>>;
  let gateway: RunningHttpService;
  beforeAll(async () => {
    planning = await answeringSubgraph(PLANNING);
    gateway = await gatewayFromEnv(CALLS_ONLY, { ...unreachableSubgraphs, planning: planning.url });
  });
  afterAll(async () => {
    await gateway?.close();
    await planning?.close();
  });

  it("answers every other subgraph's fields, and names each missing one with SUBGRAPH_UNAVAILABLE and the agency", async () => {
    const answer = await post(gateway.url, { query: ACROSS }, headers);
    expect(answer.status).toBe(200);
    expect(answer.data).toEqual(ACROSS_WITHOUT_GEOLOGY);
    const error = { message: 'The geology subgraph is unavailable; try again later', extensions: { code: 'SUBGRAPH_UNAVAILABLE', serviceName: 'geology' } };
    expect(answer.errors).toEqual(ACROSS_PATHS.map((path) => ({ ...error, path })));
  });

  it('names a root field of the missing subgraph', async () => {
    const answer = await post(gateway.url, { query: ROOTS }, headers);
    expect(answer.data).toEqual({ district: { name: 'Haidian' }, surveyPoint: null });
    expect(answer.errors).toEqual([
      { message: 'The geology subgraph is unavailable; try again later', path: ['surveyPoint'], extensions: { code: 'SUBGRAPH_UNAVAILABLE', serviceName: 'geology' } },
    ]);
  });

  it('names the failed field, not the null it leaves, when a missing non-null field nulls its parent', async () => {
    // monitoringNetwork is environment's and non-null: GraphQL nulls the district that holds it.
    const answer = await post(gateway.url, { query: '{ district(code: "110108") { name monitoringNetwork { samples } } }' });
    expect(answer.data).toEqual({ district: null });
    expect(answer.errors).toEqual([
      {
        message: 'The environment subgraph is unavailable; try again later',
        path: ['district', 'monitoringNetwork'],
        extensions: { code: 'SUBGRAPH_UNAVAILABLE', serviceName: 'environment' },
      },
    ]);
  });

  it('answers a query that needs only the subgraphs that are up without any error', async () => {
    expect(await post(gateway.url, { query: '{ district(code: "110108") { name } }' })).toMatchObject({ data: { district: { name: 'Haidian' } } });
    expect((await post(gateway.url, { query: '{ district(code: "110108") { name } }' })).errors).toBeUndefined();
  });
});

describe('one subgraph too slow', () => {
  it('answers the other fields and TIMEOUT for the slow one within SUBGRAPH_TIMEOUT_MS, with each path', async () => {
    const planning = await started(answeringSubgraph(PLANNING));
    const geology = await started(answeringSubgraph({ _entities: [] }, 5000));
    const gateway = await started(gatewayFromEnv({ ...CALLS_ONLY, SUBGRAPH_TIMEOUT_MS: '300' }, { ...unreachableSubgraphs, planning: planning.url, geology: geology.url }));
    const begun = Date.now();
    const answer = await post(gateway.url, { query: ACROSS }, headers);
    expect(Date.now() - begun).toBeLessThan(3000);
    expect(answer.data).toEqual(ACROSS_WITHOUT_GEOLOGY);
    const error = { message: 'The geology subgraph did not answer within 300 ms', extensions: { code: 'TIMEOUT', serviceName: 'geology' } };
    expect(answer.errors).toEqual(ACROSS_PATHS.map((path) => ({ ...error, path })));
  });
});

describe('one retry for a query whose connection fails before any response', () => {
  const district = { data: { district: { name: 'Haidian' } } };

  it('sends a query again once when its first connection is reset, and answers it', async () => {
    const planning = await started(
      flakySubgraph(
        (n) => n === 1,
        (_body, res) => {
          res.setHeader('content-type', 'application/json');
          res.end(JSON.stringify(district));
        },
      ),
    );
    const gateway = await started(gatewayFromEnv(CALLS_ONLY, { ...unreachableSubgraphs, planning: planning.url }));
    const answer = await post(gateway.url, { query: '{ district(code: "110108") { name } }' });
    expect(answer.errors).toBeUndefined();
    expect(answer.data).toEqual(district.data);
    expect(planning.connections()).toBe(2);
    expect(planning.requests()).toBe(1);
  });

  it('sends a query twice at most: a second reset answers SUBGRAPH_UNAVAILABLE', async () => {
    const planning = await started(flakySubgraph(() => true, () => {}));
    const gateway = await started(gatewayFromEnv(CALLS_ONLY, { ...unreachableSubgraphs, planning: planning.url }));
    const answer = await post(gateway.url, { query: '{ district(code: "110108") { name } }' });
    expect(answer.data).toEqual({ district: null });
    expect(answer.errors?.[0]).toMatchObject({ path: ['district'], extensions: { code: 'SUBGRAPH_UNAVAILABLE', serviceName: 'planning' } });
    expect(planning.connections()).toBe(2);
  });

  it('never sends a mutation again', async () => {
    const planning = await started(
      flakySubgraph(
        (n) => n === 1,
        (_body, res) => {
          res.setHeader('content-type', 'application/json');
          res.end(JSON.stringify({ data: { submitParcels: { created: 0 } } }));
        },
      ),
    );
    const gateway = await started(gatewayFromEnv(CALLS_ONLY, { ...unreachableSubgraphs, planning: planning.url }));
    const mutation = 'mutation { submitParcels(parcels: []) { created } }';
    const answer = await post(gateway.url, { query: mutation }, headers);
    expect(answer.data).toBeNull();
    expect(answer.errors).toEqual([
      { message: 'The planning subgraph is unavailable; try again later', path: ['submitParcels'], extensions: { code: 'SUBGRAPH_UNAVAILABLE', serviceName: 'planning' } },
    ]);
    expect(planning.connections()).toBe(1);
    expect(planning.requests()).toBe(0);
    // The subgraph was there all along: the client's own retry goes through.
    expect((await post(gateway.url, { query: mutation }, headers)).data).toEqual({ submitParcels: { created: 0 } });
  });

  it('does not send a query again after a timeout', async () => {
    const planning = await started(answeringSubgraph(PLANNING, 2000));
    const gateway = await started(gatewayFromEnv({ ...CALLS_ONLY, SUBGRAPH_TIMEOUT_MS: '200' }, { ...unreachableSubgraphs, planning: planning.url }));
    const answer = await post(gateway.url, { query: '{ district(code: "110108") { name } }' });
    expect(answer.errors?.[0]?.extensions).toEqual({ code: 'TIMEOUT', serviceName: 'planning' });
    await sleep(100);
    expect(planning.requests()).toBe(1);
  });

  it.each([503, 500, 400])('does not send a query again after an HTTP %i', async (status) => {
    let requests = 0;
    const planning = await started(
      fakeSubgraph((_body, res) => {
        requests += 1;
        res.statusCode = status;
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ errors: [{ message: 'no' }] }));
      }),
    );
    const gateway = await started(gatewayFromEnv(CALLS_ONLY, { ...unreachableSubgraphs, planning: planning.url }));
    const answer = await post(gateway.url, { query: '{ district(code: "110108") { name } }' });
    expect(answer.data).toEqual({ district: null });
    expect(answer.errors?.[0]?.path).toEqual(['district']);
    expect(requests).toBe(1);
  });
});

describe('the circuit breaker of each subgraph', () => {
  const GEOLOGY_UP = { data: { surveyPoint: { id: 'GS-110111-0001' } } };
  const answerGeology = (_body: unknown, res: import('node:http').ServerResponse) => {
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify(GEOLOGY_UP));
  };
  const unavailable = { message: 'The geology subgraph is unavailable; try again later', path: ['surveyPoint'], extensions: { code: 'SUBGRAPH_UNAVAILABLE', serviceName: 'geology' } };

  it('reads CIRCUIT_FAILURES and CIRCUIT_RESET_MS, by default 5 failures and 10 s', () => {
    expect(loadGatewayConfig({}).circuitBreaker).toEqual({ failures: 5, resetMs: 10_000 });
    expect(DEFAULT_CIRCUIT_BREAKER).toEqual({ failures: 5, resetMs: 10_000 });
    expect(loadGatewayConfig({ CIRCUIT_FAILURES: '3', CIRCUIT_RESET_MS: '250' }).circuitBreaker).toEqual({ failures: 3, resetMs: 250 });
  });

  // The cool-downs are long enough for a slow machine to send its queries well within them.
  it('opens after CIRCUIT_FAILURES failed calls in a row, answers without calling, and closes after CIRCUIT_RESET_MS once the subgraph is back', async () => {
    let down = true;
    const planning = await started(answeringSubgraph(PLANNING));
    const geology = await started(flakySubgraph(() => down, answerGeology));
    const gateway = await started(
      gatewayFromEnv({ ...CALLS_ONLY, CIRCUIT_FAILURES: '3', CIRCUIT_RESET_MS: '4000' }, { ...unreachableSubgraphs, planning: planning.url, geology: geology.url }),
    );
    const ask = () => post(gateway.url, { query: ROOTS }, headers);

    for (let call = 1; call <= 3; call += 1) {
      const answer = await ask();
      expect(answer.data).toEqual({ district: { name: 'Haidian' }, surveyPoint: null });
      expect(answer.errors).toEqual([unavailable]);
    }
    const opened = Date.now();
    expect(geology.connections()).toBe(6); // each query tried twice (one retry)

    // Open: geology is not called at all; planning still answers.
    for (let call = 1; call <= 5; call += 1) {
      const answer = await ask();
      expect(answer.data).toEqual({ district: { name: 'Haidian' }, surveyPoint: null });
      expect(answer.errors).toEqual([unavailable]);
    }
    expect(geology.connections()).toBe(6);
    const metrics = await (await fetch(gateway.url.replace(/\/graphql$/, '/metrics'))).text();
    expect(metrics).toMatch(/^soilgraph_subgraph_circuit_state\{[^}]*subgraph="geology"[^}]*\} 2$/m);
    expect(metrics).toMatch(/^soilgraph_subgraph_circuit_state\{[^}]*subgraph="planning"[^}]*\} 0$/m);
    // Every call is timed by subgraph and outcome: 8 answered by planning; geology's 3 failed, then 5 refused at once.
    expect(metrics).toMatch(/^soilgraph_subgraph_request_duration_seconds_count\{[^}]*subgraph="planning",outcome="ok"\} 8$/m);
    expect(metrics).toMatch(/^soilgraph_subgraph_request_duration_seconds_count\{[^}]*subgraph="geology",outcome="SUBGRAPH_UNAVAILABLE"\} 8$/m);

    // Back, but the circuit stays open until CIRCUIT_RESET_MS has passed since it opened.
    down = false;
    expect((await ask()).errors).toEqual([unavailable]);
    expect(geology.requests()).toBe(0);
    await sleep(opened + 4100 - Date.now());
    const trial = await ask();
    expect(trial.errors).toBeUndefined();
    expect(trial.data).toEqual({ district: { name: 'Haidian' }, surveyPoint: GEOLOGY_UP.data.surveyPoint });
    expect((await ask()).errors).toBeUndefined();
    expect(geology.requests()).toBe(2);
  });

  it('opens again at once when the trial call after CIRCUIT_RESET_MS fails', async () => {
    const planning = await started(answeringSubgraph(PLANNING));
    const geology = await started(flakySubgraph(() => true, answerGeology));
    const gateway = await started(
      gatewayFromEnv({ ...CALLS_ONLY, CIRCUIT_FAILURES: '2', CIRCUIT_RESET_MS: '3000' }, { ...unreachableSubgraphs, planning: planning.url, geology: geology.url }),
    );
    const ask = () => post(gateway.url, { query: ROOTS }, headers);
    await ask();
    await ask();
    const opened = Date.now();
    expect(geology.connections()).toBe(4);
    await ask();
    expect(geology.connections()).toBe(4);
    await sleep(opened + 3100 - Date.now());
    expect((await ask()).errors).toEqual([unavailable]); // the trial: a query, tried twice
    expect(geology.connections()).toBe(6);
    expect((await ask()).errors).toEqual([unavailable]);
    expect(geology.connections()).toBe(6);
  });

  it('counts timeouts as failures, and then answers sooner than the timeout', async () => {
    const planning = await started(answeringSubgraph(PLANNING));
    const geology = await started(answeringSubgraph(GEOLOGY_UP.data, 5000));
    const gateway = await started(
      gatewayFromEnv({ CIRCUIT_FAILURES: '2', SUBGRAPH_TIMEOUT_MS: '1000' }, { ...unreachableSubgraphs, planning: planning.url, geology: geology.url }),
    );
    const ask = () => post(gateway.url, { query: ROOTS }, headers);
    expect((await ask()).errors?.[0]?.extensions?.code).toBe('TIMEOUT');
    expect((await ask()).errors?.[0]?.extensions?.code).toBe('TIMEOUT');
    const begun = Date.now();
    const answer = await ask();
    expect(Date.now() - begun).toBeLessThan(1000);
    expect(answer.errors).toEqual([unavailable]);
    expect(geology.requests()).toBe(2);
  });

  it('does not count calls the subgraph answered, even with an error', async () => {
    const planning = await started(answeringSubgraph(PLANNING));
    let requests = 0;
    const geology = await started(
      fakeSubgraph((_body, res) => {
        requests += 1;
        res.statusCode = 500;
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ errors: [{ message: 'broken' }] }));
      }),
    );
    const gateway = await started(gatewayFromEnv({ CIRCUIT_FAILURES: '2' }, { ...unreachableSubgraphs, planning: planning.url, geology: geology.url }));
    for (let call = 1; call <= 4; call += 1) await post(gateway.url, { query: ROOTS }, headers);
    expect(requests).toBe(4);
  });
});
