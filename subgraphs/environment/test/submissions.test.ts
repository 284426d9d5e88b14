import { AUDIT_LOGS, sqlStatementCount, verifyAuditChain } from '@soilgraph/db';
import { measurements, soilSamples } from '@soilgraph/db/environment';
import { createSubgraphHarness, type SubgraphHarness } from '@soilgraph/testkit';
import { count } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { environmentSubgraph } from '../src/server.ts';

let harness: SubgraphHarness;
beforeAll(async () => {
  harness = await createSubgraphHarness(environmentSubgraph);
});
afterAll(() => harness.close());

const SUBMIT = `mutation($samples: [SoilSampleSubmission!]!) { submitSoilSamples(samples: $samples) { created updated unchanged rows { index externalId id outcome } } }`;
const submit = (samples: unknown[]) => harness.query(SUBMIT, { samples });

/** Text that must come back exactly as sent: SQL metacharacters, quotes, Unicode. */
const ODD_TEXT = `北京市土壤检测中心'; drop table environment.soil_samples; -- "🧪" \\ %_`;

function sample(externalId: string, overrides: Record<string, unknown> = {}) {
  return {
    externalId,
    districtCode: '110108',
    sampledOn: '2025-05-12',
    depthTopCm: 0,
    depthBottomCm: 20,
    pH: 7.4,
    pHMethod: 'HJ 962-2018',
    lab: ODD_TEXT,
    location: { type: 'Point', coordinates: [116.3, 39.99] },
    measurements: [
      { analyte: 'CADMIUM', mgPerKg: 0.21, method: 'GB/T 17141-1997', analysedOn: '2025-05-30' },
      { analyte: 'LEAD', belowDetectionLimit: true, detectionLimitMgPerKg: 0.1, method: 'GB/T 17141-1997' },
    ],
    ...overrides,
  };
}

const counts = async () => {
  const [samples] = await harness.db.select({ n: count() }).from(soilSamples);
  const [rows] = await harness.db.select({ n: count() }).from(measurements);
  const [audit] = await harness.db.select({ n: count() }).from(AUDIT_LOGS.environment);
  return { samples: samples!.n, measurements: rows!.n, audit: audit!.n };
};

describe('submitSoilSamples', () => {
  it('creates, then re-submitting changes nothing, then a changed row is updated; every change is audited in a sound chain', async () => {
    const before = await counts();
    const point = harness.demo.environment.points[0]!;
    const batch = [sample('lab-2025-001', { pointId: point.id }), sample('lab-2025-002'), sample('lab-2025-003', { pH: null, pHMethod: null })];

    const first = await submit(batch);
    expect(first.errors).toBeUndefined();
    expect(first.data!.submitSoilSamples).toMatchObject({ created: 3, updated: 0, unchanged: 0 });
    const ids = first.data!.submitSoilSamples.rows.map((r: any) => r.id);
    expect(ids.every((id: string) => /^SS-110108-[0-9A-F]{10}$/.test(id))).toBe(true);
    expect(await counts()).toEqual({ samples: before.samples + 3, measurements: before.measurements + 6, audit: before.audit + 3 });

    const again = await submit(batch);
    expect(again.data!.submitSoilSamples).toEqual({ created: 0, updated: 0, unchanged: 3, rows: batch.map((b, index) => ({ index, externalId: b.externalId, id: ids[index], outcome: 'UNCHANGED' })) });
    expect(await counts()).toEqual({ samples: before.samples + 3, measurements: before.measurements + 6, audit: before.audit + 3 });

    const changed = [batch[0], { ...batch[1], measurements: [{ analyte: 'ARSENIC', mgPerKg: 9.5, method: 'GB/T 22105-2008' }] }, batch[2]];
    const third = await submit(changed);
    expect(third.data!.submitSoilSamples).toMatchObject({ created: 0, updated: 1, unchanged: 2 });
    expect(third.data!.submitSoilSamples.rows[1]).toEqual({ index: 1, externalId: 'lab-2025-002', id: ids[1], outcome: 'UPDATED' });
    expect(await counts()).toEqual({ samples: before.samples + 3, measurements: before.measurements + 5, audit: before.audit + 4 });

    const { data } = await harness.query(`query($id: ID!) { soilSample(id: $id) { externalId lab pH point { id } measurements { analyte mgPerKg belowDetectionLimit } } }`, { id: ids[1] });
    expect(data!.soilSample).toEqual({ externalId: 'lab-2025-002', lab: ODD_TEXT, pH: 7.4, point: null, measurements: [{ analyte: 'ARSENIC', mgPerKg: 9.5, belowDetectionLimit: false }] });
    const { problems, entries } = await verifyAuditChain(harness.db, AUDIT_LOGS.environment);
    expect(problems).toEqual([]);
    expect(entries).toBe(before.audit + 4);
  });

  it('updates every field of many samples at once, in as many statements as one sample takes', async () => {
    const statementsToUpdate = async (n: number, prefix: string) => {
      const batch = Array.from({ length: n }, (_, i) => sample(`${prefix}-${i}`, { pH: 6 }));
      expect((await submit(batch)).data!.submitSoilSamples).toMatchObject({ created: n });
      const changed = batch.map((b, i) => ({ ...b, pH: 6.5, pHMethod: 'NY/T 1377-2007', lab: `lab ${i}`, sampledOn: '2025-06-01', depthBottomCm: 30, location: { type: 'Point', coordinates: [116.31, 40.01] } }));
      const before = sqlStatementCount();
      const { data, errors } = await submit(changed);
      expect(errors).toBeUndefined();
      const statements = sqlStatementCount() - before;
      expect(data!.submitSoilSamples).toMatchObject({ created: 0, updated: n, unchanged: 0 });
      for (const [i, row] of data!.submitSoilSamples.rows.entries()) {
        const stored = await harness.query(`query($id: ID!) { soilSample(id: $id) { pH pHMethod lab sampledOn depthBottomCm location } }`, { id: row.id });
        expect(stored.data!.soilSample).toEqual({ pH: 6.5, pHMethod: 'NY/T 1377-2007', lab: `lab ${i}`, sampledOn: '2025-06-01', depthBottomCm: 30, location: { type: 'Point', coordinates: [116.31, 40.01] } });
      }
      return statements;
    };
    expect(await statementsToUpdate(20, 'many')).toBe(await statementsToUpdate(1, 'one'));
  });

  it('rejects a batch with bad rows whole, lists every bad row with its path, and writes nothing', async () => {
    const before = await counts();
    const { data, errors } = await submit([
      sample('bad-0', { measurements: [{ analyte: 'CADMIUM', mgPerKg: -0.5, method: 'm' }] }),
      sample('bad-1', { districtCode: '999999' }),
      sample('bad-2'),
      sample('bad-2'),
      sample('bad-4', { pH: 15 }),
      sample('bad-5', { measurements: [{ analyte: 'CADMIUM', mgPerKg: 5_000_000, method: 'm' }] }),
      sample('ok-6'),
      sample('bad-7', { lab: 'x'.repeat(10 * 1024 * 1024) }),
      sample('bad-8', { depthTopCm: 30, depthBottomCm: 20 }),
      sample('bad-9', { location: { type: 'Point', coordinates: [200, 40] } }),
    ]);
    expect(data).toBeNull();
    expect(errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentPath: ['samples'] });
    const rejected = errors![0]!.extensions!.rejected as { index: number; argumentPath: unknown[] }[];
    expect(rejected.map((r) => r.argumentPath)).toEqual([
      ['samples', 0, 'measurements', 0, 'mgPerKg'],
      ['samples', 1, 'districtCode'],
      ['samples', 3, 'externalId'],
      ['samples', 4, 'pH'],
      ['samples', 5, 'measurements', 0, 'mgPerKg'],
      ['samples', 7, 'lab'],
      ['samples', 8, 'depthBottomCm'],
      ['samples', 9, 'location', 'coordinates', 0],
    ]);
    expect(errors![0]!.message).toMatch(/^8 of 10 rows rejected, nothing was written: samples\.0\.measurements\.0\.mgPerKg: /);
    expect(await counts()).toEqual(before);
  });

  it('rejects a sample at an unknown monitoring point', async () => {
    const before = await counts();
    const { errors } = await submit([sample('p-1'), sample('p-2', { pointId: 'MP-000000-999' })]);
    expect(errors?.[0]?.extensions?.rejected).toEqual([{ index: 1, argumentPath: ['samples', 1, 'pointId'], message: expect.stringMatching(/no monitoring point/) }]);
    expect(await counts()).toEqual(before);
  });

  it.each([
    ['an empty batch', 0],
    ['5,001 rows', 5001],
  ])('rejects %s', async (_, size) => {
    const before = await counts();
    const { errors } = await submit(Array.from({ length: size }, (_, i) => sample(`size-${i}`)));
    expect(errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentPath: ['samples'] });
    expect(errors![0]!.message).toMatch(/a batch holds 1 to 5000 rows/);
    expect(await counts()).toEqual(before);
  });

  it('refuses an unknown analyte before anything runs', async () => {
    const { errors } = await submit([sample('a-1', { measurements: [{ analyte: 'UNOBTAINIUM', mgPerKg: 1, method: 'm' }] })]);
    expect(errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(errors![0]!.message).toMatch(/UNOBTAINIUM/);
  });

  it('accepts 5,000 rows in one batch', async () => {
    const before = await counts();
    const batch = Array.from({ length: 5000 }, (_, i) => sample(`bulk-${i}`, { measurements: [{ analyte: 'ZINC', mgPerKg: 60 + (i % 50), method: 'HJ 491-2019' }] }));
    const { data, errors } = await submit(batch);
    expect(errors).toBeUndefined();
    expect(data!.submitSoilSamples.created).toBe(5000);
    expect(await counts()).toEqual({ samples: before.samples + 5000, measurements: before.measurements + 5000, audit: before.audit + 5000 });
  }, 60_000);

  it('two writers upserting the same externalIds at once end with one row each and no error', async () => {
    const before = await counts();
    const batch = Array.from({ length: 50 }, (_, i) => sample(`race-${i}`));
    const other = batch.map((s) => ({ ...s, pH: 6.9 }));
    const [a, b] = await Promise.all([submit(batch), submit(other)]);
    expect(a.errors).toBeUndefined();
    expect(b.errors).toBeUndefined();
    const outcomes = [a, b].map((r) => r.data!.submitSoilSamples);
    // One of them created the rows, the other updated every one of them.
    expect(outcomes.map((o) => [o.created, o.updated]).sort()).toEqual([
      [0, 50],
      [50, 0],
    ]);
    expect((await counts()).samples).toBe(before.samples + 50);
    expect((await verifyAuditChain(harness.db, AUDIT_LOGS.environment)).problems).toEqual([]);
  });
});
