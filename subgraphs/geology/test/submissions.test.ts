import { AUDIT_LOGS, verifyAuditChain } from '@soilgraph/db';
import { surveyMeasurements, surveyPoints } from '@soilgraph/db/geology';
import { createSubgraphHarness, type SubgraphHarness } from '@soilgraph/testkit';
import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { geologySubgraph } from '../src/server.ts';

let harness: SubgraphHarness;
beforeAll(async () => {
  harness = await createSubgraphHarness(geologySubgraph);
});
afterAll(() => harness.close());

const SUBMIT = `mutation($points: [SurveyPointSubmission!]!) { submitSurveyPoints(points: $points) { created updated unchanged rows { index externalId id outcome } } }`;
const submit = (points: unknown[]) => harness.query(SUBMIT, { points });

/** Text that must come back exactly as sent: SQL metacharacters, quotes, Unicode (geology's only free text is its externalId). */
const ODD_TEXT = `北京地调-2025'; drop table geology.survey_points; -- "🪨" \\ %_`;

function point(externalId: string, overrides: Record<string, unknown> = {}) {
  return {
    externalId,
    districtCode: '110111',
    location: { type: 'Point', coordinates: [116.14, 39.73] },
    sampledOn: '2025-04-18',
    depthCm: 20,
    soilType: 'CINNAMON',
    parentMaterial: 'LOESS',
    groundwaterDepthM: 18.5,
    pH: 7.9,
    measurements: [
      { analyte: 'ARSENIC', mgPerKg: 9.8 },
      { analyte: 'CADMIUM', mgPerKg: 0.145 },
    ],
    ...overrides,
  };
}

const counts = async () => {
  const [points] = await harness.db.select({ n: count() }).from(surveyPoints);
  const [rows] = await harness.db.select({ n: count() }).from(surveyMeasurements);
  const [audit] = await harness.db.select({ n: count() }).from(AUDIT_LOGS.geology);
  return { points: points!.n, measurements: rows!.n, audit: audit!.n };
};

const POINT_FIELDS = `externalId district { code } location sampledOn depthCm soilType parentMaterial groundwaterDepthM pH measurements { analyte mgPerKg }`;

describe('submitSurveyPoints', () => {
  it('creates, then re-submitting changes nothing, then a changed row is updated; every change is audited in a sound chain', async () => {
    const before = await counts();
    // Yanqing by its pre-2015 county code: stored (and named in the new id) under the current code.
    const batch = [
      point(ODD_TEXT),
      point('gs-2025-002', { districtCode: '110229', sampledOn: null, groundwaterDepthM: null, pH: null, measurements: [] }),
      point('gs-2025-003', { soilType: 'FLUVO_AQUIC', parentMaterial: 'ALLUVIUM' }),
    ];

    const first = await submit(batch);
    expect(first.errors).toBeUndefined();
    expect(first.data!.submitSurveyPoints).toMatchObject({ created: 3, updated: 0, unchanged: 0 });
    const ids: string[] = first.data!.submitSurveyPoints.rows.map((r: { id: string }) => r.id);
    expect(ids[0]).toMatch(/^GS-110111-[0-9A-F]{10}$/);
    expect(ids[1]).toMatch(/^GS-110119-[0-9A-F]{10}$/);
    expect(ids[2]).toMatch(/^GS-110111-[0-9A-F]{10}$/);
    expect(new Set(ids).size).toBe(3);
    expect(await counts()).toEqual({ points: before.points + 3, measurements: before.measurements + 4, audit: before.audit + 3 });

    const again = await submit(batch);
    expect(again.data!.submitSurveyPoints).toEqual({
      created: 0,
      updated: 0,
      unchanged: 3,
      rows: batch.map((b, index) => ({ index, externalId: b.externalId, id: ids[index], outcome: 'UNCHANGED' })),
    });
    expect(await counts()).toEqual({ points: before.points + 3, measurements: before.measurements + 4, audit: before.audit + 3 });

    // Measurements given in another order are the same measurements: nothing changes.
    const reordered = [{ ...batch[0]!, measurements: [...batch[0]!.measurements].reverse() }, batch[1], batch[2]];
    expect((await submit(reordered)).data!.submitSurveyPoints).toMatchObject({ unchanged: 3 });

    // Only the measurements change: they are replaced by the submitted ones.
    const changed = [batch[0], batch[1], { ...batch[2], measurements: [{ analyte: 'LEAD', mgPerKg: 24.1 }] }];
    const third = await submit(changed);
    expect(third.data!.submitSurveyPoints).toMatchObject({ created: 0, updated: 1, unchanged: 2 });
    expect(third.data!.submitSurveyPoints.rows[2]).toEqual({ index: 2, externalId: 'gs-2025-003', id: ids[2], outcome: 'UPDATED' });
    expect(await counts()).toEqual({ points: before.points + 3, measurements: before.measurements + 3, audit: before.audit + 4 });

    const read = async (id: string) => (await harness.query(`query($id: ID!) { surveyPoint(id: $id) { ${POINT_FIELDS} } }`, { id })).data!.surveyPoint;
    expect(await read(ids[0]!)).toEqual({
      externalId: ODD_TEXT,
      district: { code: '110111' },
      location: { type: 'Point', coordinates: [116.14, 39.73] },
      sampledOn: '2025-04-18',
      depthCm: 20,
      soilType: 'CINNAMON',
      parentMaterial: 'LOESS',
      groundwaterDepthM: 18.5,
      pH: 7.9,
      // In analyte enum order, whatever the order submitted.
      measurements: [
        { analyte: 'CADMIUM', mgPerKg: 0.145 },
        { analyte: 'ARSENIC', mgPerKg: 9.8 },
      ],
    });
    expect(await read(ids[1]!)).toMatchObject({ district: { code: '110119' }, sampledOn: null, groundwaterDepthM: null, pH: null, measurements: [] });
    expect((await read(ids[2]!)).measurements).toEqual([{ analyte: 'LEAD', mgPerKg: 24.1 }]);
    // The indexed lon/lat columns follow the location.
    const [stored] = await harness.db.select({ lon: surveyPoints.lon, lat: surveyPoints.lat }).from(surveyPoints).where(eq(surveyPoints.id, ids[0]!));
    expect(stored).toEqual({ lon: 116.14, lat: 39.73 });

    const { problems, entries } = await verifyAuditChain(harness.db, AUDIT_LOGS.geology);
    expect(problems).toEqual([]);
    expect(entries).toBe(before.audit + 4);
  });

  it('updates a demo point through its externalId, keeping its id and replacing its measurements', async () => {
    const demo = harness.demo.geology.points[0]!;
    const demoMeasurements = harness.demo.geology.measurements.filter((m) => m.pointId === demo.id);
    expect(demoMeasurements.length).toBeGreaterThan(1);
    const before = await counts();
    const { data, errors } = await submit([
      point(demo.externalId, {
        districtCode: demo.districtCode,
        location: demo.location,
        soilType: demo.soilType,
        parentMaterial: demo.parentMaterial,
        measurements: [{ analyte: 'ZINC', mgPerKg: 71 }],
      }),
    ]);
    expect(errors).toBeUndefined();
    expect(data!.submitSurveyPoints.rows).toEqual([{ index: 0, externalId: demo.externalId, id: demo.id, outcome: 'UPDATED' }]);
    expect(await counts()).toEqual({ points: before.points, measurements: before.measurements - demoMeasurements.length + 1, audit: before.audit + 1 });
    const { data: read } = await harness.query(`query($id: ID!) { surveyPoint(id: $id) { externalId measurements { analyte mgPerKg } } }`, { id: demo.id });
    expect(read!.surveyPoint).toEqual({ externalId: demo.externalId, measurements: [{ analyte: 'ZINC', mgPerKg: 71 }] });
  });

  it('rejects a batch with bad rows whole, lists every bad row with its path, and writes nothing', async () => {
    const before = await counts();
    const { data, errors } = await submit([
      point('bad-0', { measurements: [{ analyte: 'CADMIUM', mgPerKg: -0.5 }] }),
      point('bad-1', { districtCode: '999999' }),
      point('bad-2'),
      point('bad-2'),
      point('bad-4', { pH: 15 }),
      point('bad-5', { measurements: [{ analyte: 'CADMIUM', mgPerKg: 5_000_000 }] }),
      point('ok-6'),
      point('x'.repeat(10 * 1024 * 1024)),
      point('bad-8', { depthCm: 0 }),
      point('bad-9', { location: { type: 'Point', coordinates: [200, 40] } }),
      point('bad-10', {
        measurements: [
          { analyte: 'LEAD', mgPerKg: 20 },
          { analyte: 'LEAD', mgPerKg: 21 },
        ],
      }),
      point('bad-11', { groundwaterDepthM: -3 }),
      point('bad-12', { location: { type: 'Polygon', coordinates: [116.1, 39.7] } }),
    ]);
    expect(data).toBeNull();
    expect(errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentPath: ['points'] });
    const rejected = errors![0]!.extensions!.rejected as { index: number; argumentPath: unknown[] }[];
    expect(rejected.map((r) => r.argumentPath)).toEqual([
      ['points', 0, 'measurements', 0, 'mgPerKg'],
      ['points', 1, 'districtCode'],
      ['points', 3, 'externalId'],
      ['points', 4, 'pH'],
      ['points', 5, 'measurements', 0, 'mgPerKg'],
      ['points', 7, 'externalId'],
      ['points', 8, 'depthCm'],
      ['points', 9, 'location', 'coordinates', 0],
      ['points', 10, 'measurements', 1, 'analyte'],
      ['points', 11, 'groundwaterDepthM'],
      ['points', 12, 'location', 'type'],
    ]);
    expect(errors![0]!.message).toMatch(/^11 of 13 rows rejected, nothing was written: points\.0\.measurements\.0\.mgPerKg: /);
    expect(await counts()).toEqual(before);
  });

  it.each([
    ['an empty batch', 0],
    ['5,001 rows', 5001],
  ])('rejects %s', async (_, size) => {
    const before = await counts();
    const { errors } = await submit(Array.from({ length: size }, (_, i) => point(`size-${i}`)));
    expect(errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentPath: ['points'] });
    expect(errors![0]!.message).toMatch(/a batch holds 1 to 5000 rows/);
    expect(await counts()).toEqual(before);
  });

  it.each([
    ['analyte', { measurements: [{ analyte: 'UNOBTAINIUM', mgPerKg: 1 }] }, /UNOBTAINIUM/],
    ['soil type', { soilType: 'PEAT' }, /PEAT/],
  ])('refuses an unknown %s before anything runs', async (_, overrides, message) => {
    const { errors } = await submit([point('enum-1', overrides)]);
    expect(errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(errors![0]!.message).toMatch(message);
  });

  it('accepts 5,000 rows in one batch', async () => {
    const before = await counts();
    const batch = Array.from({ length: 5000 }, (_, i) => point(`bulk-${i}`, { measurements: [{ analyte: 'ZINC', mgPerKg: 60 + (i % 50) }] }));
    const { data, errors } = await submit(batch);
    expect(errors).toBeUndefined();
    expect(data!.submitSurveyPoints.created).toBe(5000);
    expect(await counts()).toEqual({ points: before.points + 5000, measurements: before.measurements + 5000, audit: before.audit + 5000 });
  }, 60_000);

  it('two writers upserting the same externalIds at once end with one row each and no error', async () => {
    const before = await counts();
    const batch = Array.from({ length: 50 }, (_, i) => point(`race-${i}`));
    const other = batch.map((p) => ({ ...p, pH: 6.9 }));
    const [a, b] = await Promise.all([submit(batch), submit(other)]);
    expect(a.errors).toBeUndefined();
    expect(b.errors).toBeUndefined();
    const outcomes = [a, b].map((r) => r.data!.submitSurveyPoints);
    // One of them created the rows, the other updated every one of them.
    expect(outcomes.map((o) => [o.created, o.updated]).sort()).toEqual([
      [0, 50],
      [50, 0],
    ]);
    expect(await counts()).toEqual({ points: before.points + 50, measurements: before.measurements + 100, audit: before.audit + 100 });
    expect((await verifyAuditChain(harness.db, AUDIT_LOGS.geology)).problems).toEqual([]);
  });
});
