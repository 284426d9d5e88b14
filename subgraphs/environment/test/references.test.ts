import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { authConfigFromEnv, authEnvSchema } from '@soilgraph/auth';
import { AUDIT_LOGS } from '@soilgraph/db';
import { enterprises, monitoringPoints, soilSamples } from '@soilgraph/db/environment';
import { createLogger, httpReferenceResolver, type ReferenceResolver, serveSubgraph } from '@soilgraph/server-kit';
import { createSubgraphHarness, type SubgraphHarness } from '@soilgraph/testkit';
import { count } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planningSubgraph } from '../../planning/src/server.ts';
import { createContext } from '../src/context.ts';
import { environmentSubgraph } from '../src/server.ts';
import { withOwners } from './owners.ts';

// Environment's rows name planning's parcels and water's sources; the owners decide what exists.
// Each test picks how the harness reaches them: `references` is read per request.

let harness: SubgraphHarness;
let inProcess: ReferenceResolver;
let references: ReferenceResolver;
const auth = authConfigFromEnv(authEnvSchema.parse({}));
beforeAll(async () => {
  inProcess = withOwners(() => harness.db).owners;
  harness = await createSubgraphHarness({ ...environmentSubgraph, createContext: (db, caller) => createContext(db, caller, references) });
});
afterAll(async () => {
  await harness.close();
  await inProcess.close();
});

const SUBMIT = `mutation($samples: [SoilSampleSubmission!]!) { submitSoilSamples(samples: $samples) { created updated unchanged } }`;
const submit = (samples: unknown[]) => harness.query(SUBMIT, { samples });

function sample(externalId: string, overrides: Record<string, unknown> = {}) {
  return {
    externalId,
    districtCode: '110108',
    sampledOn: '2025-05-12',
    depthTopCm: 0,
    depthBottomCm: 20,
    lab: 'Reference test lab (synthetic)',
    location: { type: 'Point', coordinates: [116.3, 39.99] },
    measurements: [{ analyte: 'CADMIUM', mgPerKg: 0.21, method: 'GB/T 17141-1997' }],
    ...overrides,
  };
}

const counts = async () => {
  const [samples] = await harness.db.select({ n: count() }).from(soilSamples);
  const [points] = await harness.db.select({ n: count() }).from(monitoringPoints);
  const [companies] = await harness.db.select({ n: count() }).from(enterprises);
  const [audit] = await harness.db.select({ n: count() }).from(AUDIT_LOGS.environment);
  return { samples: samples!.n, points: points!.n, enterprises: companies!.n, audit: audit!.n };
};

const parcelOf = (i: number) => harness.demo.planning.parcels[i]!.id;

describe('references checked at their owners', () => {
  it('rejects a batch naming parcels planning does not have, listing every bad row with the agency, and writes nothing', async () => {
    references = inProcess;
    const before = await counts();
    const { data, errors } = await submit([
      sample('ref-0', { parcelId: parcelOf(0) }),
      sample('ref-1', { parcelId: '110108-P9991' }),
      sample('ref-2'),
      sample('ref-3', { parcelId: '110108-P9992', pointId: 'MP-000000-999' }),
      sample('ref-4', { parcelId: '110108-P9991' }),
    ]);
    expect(data).toBeNull();
    expect(errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentPath: ['samples'] });
    // The owner's answer and environment's own check (an unknown monitoring point) in one list.
    expect(errors![0]!.extensions!.rejected).toEqual([
      { index: 1, argumentPath: ['samples', 1, 'parcelId'], message: 'samples.1.parcelId: planning has no Parcel "110108-P9991"' },
      { index: 3, argumentPath: ['samples', 3, 'parcelId'], message: 'samples.3.parcelId: planning has no Parcel "110108-P9992"' },
      { index: 3, argumentPath: ['samples', 3, 'pointId'], message: 'samples.3.pointId: no monitoring point "MP-000000-999"' },
      { index: 4, argumentPath: ['samples', 4, 'parcelId'], message: 'samples.4.parcelId: planning has no Parcel "110108-P9991"' },
    ]);
    expect(errors![0]!.message).toMatch(/^3 of 5 rows rejected, nothing was written: /);
    expect(await counts()).toEqual(before);
  });

  it('writes a batch whose parcels all exist', async () => {
    references = inProcess;
    const before = await counts();
    const { data, errors } = await submit([sample('ref-ok-0', { parcelId: parcelOf(0) }), sample('ref-ok-1', { parcelId: parcelOf(1) }), sample('ref-ok-2')]);
    expect(errors).toBeUndefined();
    expect(data!.submitSoilSamples).toEqual({ created: 3, updated: 0, unchanged: 0 });
    expect(await counts()).toEqual({ ...before, samples: before.samples + 3, audit: before.audit + 3 });
  });

  it("checks a monitoring point's water source at water and an enterprise's parcel at planning", async () => {
    references = inProcess;
    const before = await counts();
    const points = await harness.query(`mutation($p: [MonitoringPointSubmission!]!) { submitMonitoringPoints(points: $p) { created } }`, {
      p: [
        {
          externalId: 'ref-pt',
          id: 'MP-110108-990',
          code: 'SK-110108-99',
          name: 'Reference test point (synthetic)',
          level: 'MUNICIPAL',
          purpose: 'WATER_SOURCE',
          districtCode: '110108',
          waterSourceId: 'WS-110108-99',
          location: { type: 'Point', coordinates: [116.3, 39.99] },
        },
      ],
    });
    expect(points.errors![0]!.extensions!.rejected).toEqual([
      { index: 0, argumentPath: ['points', 0, 'waterSourceId'], message: 'points.0.waterSourceId: water has no WaterSource "WS-110108-99"' },
    ]);
    const companies = await harness.query(`mutation($e: [EnterpriseSubmission!]!) { submitEnterprises(enterprises: $e) { created } }`, {
      e: [
        {
          externalId: 'ref-ent',
          creditCode: harness.demo.environment.enterprises[0]!.creditCode,
          name: 'Reference Co. (synthetic)',
          industry: 'coking',
          districtCode: '110108',
          parcelId: 'NO-SUCH-PARCEL',
          location: { type: 'Point', coordinates: [116.3, 39.99] },
          supervisedSince: 2019,
        },
      ],
    });
    expect(companies.errors![0]!.extensions!.rejected).toContainEqual({
      index: 0,
      argumentPath: ['enterprises', 0, 'parcelId'],
      message: 'enterprises.0.parcelId: planning has no Parcel "NO-SUCH-PARCEL"',
    });
    expect(await counts()).toEqual(before);
  });

  it('asks planning over HTTP, signed as the gateway signs, when planning is a service', async () => {
    const planning = await serveSubgraph(planningSubgraph, { db: harness.db, auth, host: '127.0.0.1', port: 0, logger: createLogger('planning', 'silent'), subgraphUrls: {} });
    try {
      references = httpReferenceResolver({ urls: { planning: planning.url }, auth });
      const before = await counts();
      const bad = await submit([sample('http-0', { parcelId: parcelOf(2) }), sample('http-1', { parcelId: '110108-P9993' })]);
      expect(bad.errors![0]!.extensions!.rejected).toEqual([
        { index: 1, argumentPath: ['samples', 1, 'parcelId'], message: 'samples.1.parcelId: planning has no Parcel "110108-P9993"' },
      ]);
      expect(await counts()).toEqual(before);
      const good = await submit([sample('http-0', { parcelId: parcelOf(2) })]);
      expect(good.data!.submitSoilSamples).toEqual({ created: 1, updated: 0, unchanged: 0 });
    } finally {
      await planning.close();
    }
  });
});

/** An HTTP server standing in for a planning that is there but cannot answer. */
async function fakeOwner(listener: RequestListener): Promise<{ url: string; server: Server }> {
  const server = createServer(listener);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`, server };
}

async function closed(server: Server): Promise<void> {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
}

// The rule (server-kit references.ts): an owner that cannot answer refuses the batch with
// SUBGRAPH_UNAVAILABLE naming it, and nothing is written; a reference is never written unchecked.
describe('when planning cannot answer', () => {
  const cases: [string, () => Promise<{ url: string; server?: Server }>, RegExp][] = [
    [
      'nothing listens (connection refused)',
      async () => {
        const { url, server } = await fakeOwner(() => {});
        await closed(server);
        return { url };
      },
      /ECONNREFUSED/,
    ],
    ['it answers HTTP 503', () => fakeOwner((_, res) => res.writeHead(503).end('unavailable')), /HTTP 503/],
    ['it does not answer in time', () => fakeOwner(() => {}), /timeout/i],
    [
      'it answers with an error',
      () =>
        fakeOwner((_, res) => {
          res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ data: { _entities: null }, errors: [{ message: 'planning database is down' }] }));
        }),
      /it answered: planning database is down/,
    ],
  ];

  it.each(cases)('%s: the batch is refused with SUBGRAPH_UNAVAILABLE and nothing is written', async (_, start, reason) => {
    const owner = await start();
    try {
      references = httpReferenceResolver({ urls: { planning: owner.url }, auth, timeoutMs: 300 });
      const before = await counts();
      const { data, errors } = await submit([sample('down-0', { parcelId: parcelOf(0) }), sample('down-1')]);
      expect(data).toBeNull();
      expect(errors).toHaveLength(1);
      expect(errors![0]!.extensions).toEqual({ code: 'SUBGRAPH_UNAVAILABLE', serviceName: 'planning' });
      expect(errors![0]!.message).toMatch(/^planning could not be asked whether the Parcel entities this batch names exist \(.+\); nothing was written/);
      expect(errors![0]!.message).toMatch(reason);
      expect(await counts()).toEqual(before);
    } finally {
      if (owner.server) await closed(owner.server);
    }
  });

  it('a batch that names no parcel does not ask planning, and is written', async () => {
    const owner = await fakeOwner((_, res) => res.writeHead(503).end());
    try {
      references = httpReferenceResolver({ urls: { planning: owner.url }, auth });
      const { data, errors } = await submit([sample('no-ref-0')]);
      expect(errors).toBeUndefined();
      expect(data!.submitSoilSamples).toEqual({ created: 1, updated: 0, unchanged: 0 });
    } finally {
      await closed(owner.server);
    }
  });
});
