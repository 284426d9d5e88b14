import { AUDIT_LOGS, verifyAuditChain } from '@soilgraph/db';
import { contaminatedSites, enterprises, monitoringPoints, selfMonitoringReports, siteStatusChanges } from '@soilgraph/db/environment';
import type { ReferenceResolver } from '@soilgraph/server-kit';
import { createSubgraphHarness, type SubgraphHarness } from '@soilgraph/testkit';
import { count, eq } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseMonitoringPointSubmissions } from '../src/inputs.ts';
import { withOwners } from './owners.ts';

let harness: SubgraphHarness;
let owners: ReferenceResolver;
beforeAll(async () => {
  const checked = withOwners(() => harness.db);
  owners = checked.owners;
  harness = await createSubgraphHarness(checked.definition);
});
afterAll(async () => {
  await harness.close();
  await owners.close();
});

const RESULT = '{ created updated unchanged rows { index externalId id outcome } }';
const submitter = (mutation: string, argument: string, input: string) => {
  const document = `mutation($rows: [${input}!]!) { ${mutation}(${argument}: $rows) ${RESULT} }`;
  return async (rows: unknown[]) => {
    const result = await harness.query(document, { rows });
    return { ...result, outcome: result.data?.[mutation] as SubmissionResult | undefined };
  };
};
interface SubmissionResult {
  created: number;
  updated: number;
  unchanged: number;
  rows: { index: number; externalId: string; id: string; outcome: string }[];
}
interface Rejected {
  index: number;
  argumentPath: (string | number)[];
  message: string;
}
const rejectedOf = (errors: readonly { extensions?: Record<string, unknown> }[] | undefined) => (errors?.[0]?.extensions?.rejected ?? []) as Rejected[];

/** Text that must come back exactly as sent: SQL metacharacters, quotes, Unicode. */
const ODD_TEXT = `北京某某化工有限公司'; drop table environment.enterprises; -- "🏭" \\ %_`;
const TEN_MB = 'x'.repeat(10 * 1024 * 1024);

const counts = async () => {
  const n = async (table: PgTable) => (await harness.db.select({ n: count() }).from(table))[0]!.n;
  return {
    points: await n(monitoringPoints),
    enterprises: await n(enterprises),
    reports: await n(selfMonitoringReports),
    changes: await n(siteStatusChanges),
    audit: await n(AUDIT_LOGS.environment),
  };
};
const auditChainIsSound = async () => expect((await verifyAuditChain(harness.db, AUDIT_LOGS.environment)).problems).toEqual([]);

// ---------------------------------------------------------------------------------------------
// GB 32100-2015, written out here independently of the code under test: 31 characters, weights
// 3^i mod 31, check character (31 - sum mod 31) mod 31.
// ---------------------------------------------------------------------------------------------
const CODE_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const withCheck = (body: string) => {
  const sum = [...body].reduce((s, c, i) => s + CODE_CHARS.indexOf(c) * (3 ** i % 31), 0);
  return body + CODE_CHARS[(31 - (sum % 31)) % 31];
};
/** A valid code of Haidian's registration authority with serial n. */
const creditCode = (n: number) => withCheck(`91110108${String(n).padStart(9, '0')}`);
/** The same code with a wrong check character. */
const wrongCheck = (code: string, shift = 1) => code.slice(0, 17) + CODE_CHARS[(CODE_CHARS.indexOf(code[17]!) + shift) % 31];

describe('submitEnterprises', () => {
  const submit = submitter('submitEnterprises', 'enterprises', 'EnterpriseSubmission');
  const enterprise = (externalId: string, code: string, overrides: Record<string, unknown> = {}) => ({
    externalId,
    creditCode: code,
    name: ODD_TEXT,
    industry: 'electroplating',
    districtCode: '110108',
    parcelId: null,
    location: { type: 'Point', coordinates: [116.3, 39.99] },
    supervisedSince: 2019,
    ...overrides,
  });

  it('creates, then re-submitting changes nothing, then a changed row is updated; every change is audited in a sound chain', async () => {
    const before = await counts();
    const batch = [enterprise('ent-1', creditCode(1)), enterprise('ent-2', creditCode(2), { parcelId: '110108-P0001' }), enterprise('ent-3', creditCode(3))];

    const first = await submit(batch);
    expect(first.errors).toBeUndefined();
    expect(first.outcome).toEqual({ created: 3, updated: 0, unchanged: 0, rows: batch.map((e, index) => ({ index, externalId: e.externalId, id: e.creditCode, outcome: 'CREATED' })) });
    expect(await counts()).toEqual({ ...before, enterprises: before.enterprises + 3, audit: before.audit + 3 });

    const again = await submit(batch);
    expect(again.outcome).toMatchObject({ created: 0, updated: 0, unchanged: 3 });
    expect(await counts()).toEqual({ ...before, enterprises: before.enterprises + 3, audit: before.audit + 3 });

    const third = await submit([batch[0], { ...batch[1], industry: 'coking', location: { type: 'Point', coordinates: [116.31, 39.98] } }, batch[2]]);
    expect(third.outcome).toMatchObject({ created: 0, updated: 1, unchanged: 2 });
    expect(third.outcome!.rows[1]).toEqual({ index: 1, externalId: 'ent-2', id: creditCode(2), outcome: 'UPDATED' });
    expect(await counts()).toEqual({ ...before, enterprises: before.enterprises + 3, audit: before.audit + 4 });

    const { data } = await harness.query(
      `query($code: ID!) { enterprise(creditCode: $code) { creditCode externalId name industry district { code } parcel { id } location supervisedSince selfMonitoringReports { id } } }`,
      { code: creditCode(2) },
    );
    expect(data!.enterprise).toEqual({
      creditCode: creditCode(2),
      externalId: 'ent-2',
      name: ODD_TEXT,
      industry: 'coking',
      district: { code: '110108' },
      parcel: { id: '110108-P0001' },
      location: { type: 'Point', coordinates: [116.31, 39.98] },
      supervisedSince: 2019,
      selfMonitoringReports: [],
    });
    await auditChainIsSound();
  });

  it('re-submitting a seeded enterprise as it is changes nothing; a new name updates it under the same code', async () => {
    const before = await counts();
    const seeded = harness.demo.environment.enterprises.slice(0, 3);
    const rows = seeded.map((e) => ({
      externalId: e.externalId,
      creditCode: e.creditCode,
      name: e.name,
      industry: e.industry,
      districtCode: e.districtCode,
      parcelId: e.parcelId,
      location: { type: 'Point', coordinates: [e.lon, e.lat] },
      supervisedSince: e.supervisedSince,
    }));
    expect((await submit(rows)).outcome).toMatchObject({ created: 0, updated: 0, unchanged: 3 });
    const renamed = await submit([{ ...rows[0], name: 'Renamed Co., Ltd. (synthetic)' }]);
    expect(renamed.outcome!.rows).toEqual([{ index: 0, externalId: seeded[0]!.externalId, id: seeded[0]!.creditCode, outcome: 'UPDATED' }]);
    expect(await counts()).toEqual({ ...before, audit: before.audit + 1 });
  });

  it('reads a lower-case credit code as upper case', async () => {
    const code = withCheck('91110108MA01ABCDE');
    const { outcome, errors } = await submit([enterprise('ent-lower', code.toLowerCase())]);
    expect(errors).toBeUndefined();
    expect(outcome!.rows[0]!.id).toBe(code);
    const { data } = await harness.query(`query($code: ID!) { enterprise(creditCode: $code) { externalId } }`, { code });
    expect(data!.enterprise).toEqual({ externalId: 'ent-lower' });
  });

  it('rejects a batch with bad rows whole, lists every bad row with its path, and writes nothing', async () => {
    const before = await counts();
    const { data, errors } = await submit([
      enterprise('bad-0', wrongCheck(creditCode(100))),
      enterprise('bad-1', creditCode(101).slice(0, 17)),
      enterprise('bad-2', withCheck('91110108I00000001')),
      enterprise('bad-3', creditCode(103), { districtCode: '120101' }),
      enterprise('ok-4', creditCode(104)),
      enterprise('bad-5', creditCode(105), { supervisedSince: 2015 }),
      enterprise('bad-6', creditCode(106), { supervisedSince: new Date().getUTCFullYear() + 2 }),
      enterprise('bad-7', creditCode(107), { name: TEN_MB }),
      enterprise('bad-8', creditCode(108), { location: { type: 'Point', coordinates: [116.3, 95] } }),
      enterprise('ok-4', creditCode(109)),
      enterprise('bad-10', creditCode(104)),
      enterprise('bad-11', withCheck('91AB0108000000001')),
    ]);
    expect(data).toBeNull();
    expect(errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentPath: ['enterprises'] });
    expect(rejectedOf(errors).map((r) => r.argumentPath)).toEqual([
      ['enterprises', 0, 'creditCode'],
      ['enterprises', 1, 'creditCode'],
      ['enterprises', 2, 'creditCode'],
      ['enterprises', 3, 'districtCode'],
      ['enterprises', 5, 'supervisedSince'],
      ['enterprises', 6, 'supervisedSince'],
      ['enterprises', 7, 'name'],
      ['enterprises', 8, 'location', 'coordinates', 1],
      ['enterprises', 9, 'externalId'],
      ['enterprises', 10, 'creditCode'],
      ['enterprises', 11, 'creditCode'],
    ]);
    const messages = rejectedOf(errors).map((r) => r.message);
    expect(messages[0]).toMatch(/check character/);
    expect(messages[1]).toMatch(/18 characters/);
    expect(messages[2]).toMatch(/character 9 \("I"\)/);
    expect(messages[9]).toMatch(/also row 4/);
    expect(messages[10]).toMatch(/characters 3-8/);
    expect(errors![0]!.message).toMatch(/^11 of 12 rows rejected, nothing was written: enterprises\.0\.creditCode: /);
    expect(await counts()).toEqual(before);
  });

  it('refuses every wrong check character of a seeded code', async () => {
    const code = harness.demo.environment.enterprises[0]!.creditCode;
    const { errors } = await submit(Array.from({ length: 30 }, (_, i) => enterprise(`check-${i}`, wrongCheck(code, i + 1))));
    const rejected = rejectedOf(errors);
    expect(rejected).toHaveLength(30);
    expect(rejected.every((r) => r.argumentPath[2] === 'creditCode' && /check character/.test(r.message))).toBe(true);
  });

  it("rejects a code another enterprise holds and a change of an enterprise's code", async () => {
    const before = await counts();
    const seeded = harness.demo.environment.enterprises[1]!;
    const { errors } = await submit([enterprise('takes-seeded', seeded.creditCode), enterprise(seeded.externalId, creditCode(200)), enterprise('fine', creditCode(201))]);
    expect(rejectedOf(errors)).toEqual([
      { index: 0, argumentPath: ['enterprises', 0, 'creditCode'], message: expect.stringMatching(/already the credit code of another enterprise/) },
      { index: 1, argumentPath: ['enterprises', 1, 'creditCode'], message: expect.stringMatching(/credit code cannot change/) },
    ]);
    expect(await counts()).toEqual(before);
  });

  it.each([
    ['an empty batch', 0],
    ['5,001 rows', 5001],
  ])('rejects %s', async (_, size) => {
    const before = await counts();
    const { errors } = await submit(Array.from({ length: size }, (_, i) => enterprise(`size-${i}`, creditCode(10_000 + i))));
    expect(errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentPath: ['enterprises'] });
    expect(errors![0]!.message).toMatch(/a batch holds 1 to 5000 rows/);
    expect(await counts()).toEqual(before);
  });

  it('accepts 5,000 rows in one batch', async () => {
    const before = await counts();
    const { outcome, errors } = await submit(Array.from({ length: 5000 }, (_, i) => enterprise(`bulk-${i}`, creditCode(20_000 + i))));
    expect(errors).toBeUndefined();
    expect(outcome!.created).toBe(5000);
    expect(await counts()).toEqual({ ...before, enterprises: before.enterprises + 5000, audit: before.audit + 5000 });
  }, 60_000);

  it('two writers upserting the same externalIds at once end with one row each and no error', async () => {
    const before = await counts();
    const batch = Array.from({ length: 50 }, (_, i) => enterprise(`race-${i}`, creditCode(30_000 + i)));
    const other = batch.map((e) => ({ ...e, industry: 'coking' }));
    const [a, b] = await Promise.all([submit(batch), submit(other)]);
    expect(a.errors).toBeUndefined();
    expect(b.errors).toBeUndefined();
    expect([a, b].map((r) => [r.outcome!.created, r.outcome!.updated]).sort()).toEqual([
      [0, 50],
      [50, 0],
    ]);
    expect((await counts()).enterprises).toBe(before.enterprises + 50);
    await auditChainIsSound();
  });
});

describe('submitMonitoringPoints', () => {
  const submit = submitter('submitMonitoringPoints', 'points', 'MonitoringPointSubmission');
  const point = (externalId: string, serial: number, overrides: Record<string, unknown> = {}) => ({
    externalId,
    id: `MP-110108-${900 + serial}`,
    code: `SK-110108-${90 + serial}`,
    name: `Haidian municipal farmland point ${serial} (test)`,
    level: 'MUNICIPAL',
    purpose: 'FARMLAND',
    districtCode: '110108',
    parcelId: '110108-P0001',
    location: { type: 'Point', coordinates: [116.3, 39.99] },
    establishedOn: '2021-04-01',
    ...overrides,
  });

  it('creates points under the ids given, keeps them on re-submission and updates a changed row; samples can name them', async () => {
    const before = await counts();
    const batch = [
      point('pt-1', 1),
      point('pt-2', 2, { level: 'NATIONAL', code: 'GK-110108-92', establishedOn: null }),
      point('pt-3', 3, { purpose: 'WATER_SOURCE', waterSourceId: 'WS-110108-01', parcelId: null }),
    ];
    const first = await submit(batch);
    expect(first.errors).toBeUndefined();
    expect(first.outcome).toEqual({ created: 3, updated: 0, unchanged: 0, rows: batch.map((p, index) => ({ index, externalId: p.externalId, id: p.id, outcome: 'CREATED' })) });
    expect((await submit(batch)).outcome).toMatchObject({ created: 0, updated: 0, unchanged: 3 });
    const moved = await submit([batch[0], batch[1], { ...batch[2], name: ODD_TEXT, location: { type: 'Point', coordinates: [116.25, 40.01] } }]);
    expect(moved.outcome).toMatchObject({ created: 0, updated: 1, unchanged: 2 });
    expect(await counts()).toEqual({ ...before, points: before.points + 3, audit: before.audit + 4 });

    const { data } = await harness.query(
      `query($id: ID!) { monitoringPoint(id: $id) { id externalId code name level purpose district { code } parcel { id } waterSource { id } location establishedOn } }`,
      { id: batch[2]!.id },
    );
    expect(data!.monitoringPoint).toEqual({
      id: 'MP-110108-903',
      externalId: 'pt-3',
      code: 'SK-110108-93',
      name: ODD_TEXT,
      level: 'MUNICIPAL',
      purpose: 'WATER_SOURCE',
      district: { code: '110108' },
      parcel: null,
      waterSource: { id: 'WS-110108-01' },
      location: { type: 'Point', coordinates: [116.25, 40.01] },
      establishedOn: '2021-04-01',
    });
    const box = await harness.query(`{ monitoringPoints(filter: { bbox: { minLon: 116.24, minLat: 40.0, maxLon: 116.26, maxLat: 40.02 } }) { edges { node { id } } } }`);
    expect(box.data!.monitoringPoints.edges.map((e: any) => e.node.id)).toContain('MP-110108-903');

    const sample = await harness.query(`mutation($s: [SoilSampleSubmission!]!) { submitSoilSamples(samples: $s) { created } }`, {
      s: [
        {
          externalId: 'at-new-point',
          pointId: 'MP-110108-901',
          districtCode: '110108',
          sampledOn: '2025-05-12',
          depthTopCm: 0,
          depthBottomCm: 20,
          lab: 'lab',
          location: { type: 'Point', coordinates: [116.3, 39.99] },
          measurements: [],
        },
      ],
    });
    expect(sample.data).toEqual({ submitSoilSamples: { created: 1 } });
    await auditChainIsSound();
  });

  it('re-submitting seeded points as they are changes nothing', async () => {
    const before = await counts();
    const seeded = harness.demo.environment.points.slice(0, 5);
    const rows = seeded.map((p) => ({
      externalId: p.externalId,
      id: p.id,
      code: p.code,
      name: p.name,
      level: p.level,
      purpose: p.purpose,
      districtCode: p.districtCode,
      parcelId: p.parcelId,
      waterSourceId: p.waterSourceId,
      location: { type: 'Point', coordinates: [p.lon, p.lat] },
      establishedOn: p.establishedOn,
    }));
    const { outcome, errors } = await submit(rows);
    expect(errors).toBeUndefined();
    expect(outcome).toEqual({ created: 0, updated: 0, unchanged: 5, rows: seeded.map((p, index) => ({ index, externalId: p.externalId, id: p.id, outcome: 'UNCHANGED' })) });
    expect(await counts()).toEqual(before);
  });

  it('rejects a batch with bad rows whole, lists every bad row with its path, and writes nothing', async () => {
    const before = await counts();
    const { data, errors } = await submit([
      point('bad-0', 10, { id: 'MP-110108-1' }),
      point('bad-1', 11, { id: 'MP-110105-911' }),
      point('bad-2', 12, { level: 'DISTRICT' }),
      point('bad-3', 13, { purpose: 'WATER_SOURCE' }),
      point('bad-4', 14, { waterSourceId: 'WS-110108-01' }),
      point('ok-5', 15),
      point('bad-6', 16, { id: 'MP-110108-915' }),
      point('bad-7', 17, { code: 'SK-110108-105' }),
      point('bad-8', 18, { establishedOn: null, level: 'NATIONAL' }),
      point('bad-9', 19, { name: TEN_MB }),
      point('bad-10', 20, { location: { type: 'Polygon', coordinates: [116.3, 39.99] } }),
    ]);
    expect(data).toBeNull();
    expect(rejectedOf(errors).map((r) => r.argumentPath)).toEqual([
      ['points', 0, 'id'],
      ['points', 1, 'id'],
      ['points', 2, 'code'],
      ['points', 3, 'waterSourceId'],
      ['points', 4, 'waterSourceId'],
      ['points', 6, 'id'],
      ['points', 7, 'code'],
      ['points', 8, 'code'],
      ['points', 9, 'name'],
      ['points', 10, 'location', 'type'],
    ]);
    expect(errors![0]!.message).toMatch(/^10 of 11 rows rejected, nothing was written: points\.0\.id: /);
    expect(await counts()).toEqual(before);
  });

  it('refuses a day that is not in the calendar, through the Date scalar and through the parser imports use', async () => {
    const { data, errors } = await submit([point('feb-30', 40, { establishedOn: '2021-02-30' })]);
    expect(data).toBeUndefined();
    expect(errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(() => parseMonitoringPointSubmissions([point('feb-30', 40, { establishedOn: '2021-02-30' })])).toThrow(/points\.0\.establishedOn: must be a calendar date/);
  });

  it("rejects an id or code another point holds and a change of a point's id", async () => {
    const before = await counts();
    const [a, b] = harness.demo.environment.points;
    const { errors } = await submit([
      point('takes-id', 30, { id: a!.id, districtCode: a!.districtCode, code: `SK-${a!.districtCode}-99` }),
      point('takes-code', 31, { code: b!.code, level: b!.level, districtCode: b!.districtCode, id: `MP-${b!.districtCode}-999` }),
      point(a!.externalId, 32),
    ]);
    expect(rejectedOf(errors)).toEqual([
      { index: 0, argumentPath: ['points', 0, 'id'], message: expect.stringMatching(/already the id of another point/) },
      { index: 1, argumentPath: ['points', 1, 'code'], message: expect.stringMatching(new RegExp(`already the code of point ${b!.id}`)) },
      { index: 2, argumentPath: ['points', 2, 'id'], message: expect.stringMatching(/a point's id cannot change/) },
    ]);
    expect(await counts()).toEqual(before);
  });

  it('rejects an empty batch', async () => {
    const { errors } = await submit([]);
    expect(errors![0]!.message).toMatch(/a batch holds 1 to 5000 rows/);
  });
});

describe('submitSelfMonitoringReports', () => {
  const submit = submitter('submitSelfMonitoringReports', 'reports', 'SelfMonitoringReportSubmission');
  const report = (externalId: string, code: string, year: number, overrides: Record<string, unknown> = {}) => ({
    externalId,
    enterpriseCreditCode: code,
    year,
    reportedOn: `${year + 1}-03-31`,
    summary: `Soil and groundwater self-monitoring ${year}: ${ODD_TEXT}`,
    exceedances: 0,
    ...overrides,
  });
  const reportsOf = async (code: string) =>
    (await harness.query(`query($code: ID!) { enterprise(creditCode: $code) { selfMonitoringReports { id externalId year reportedOn summary exceedances } } }`, { code })).data!
      .enterprise.selfMonitoringReports;

  it("creates an enterprise's reports, lists them newest year first, keeps them on re-submission and updates a changed row", async () => {
    const before = await counts();
    const code = harness.demo.environment.enterprises[4]!.creditCode;
    const batch = [report('smr-2019', code, 2019), report('smr-2021', code, 2021, { exceedances: 2 }), report('smr-2020', code, 2020)];
    const first = await submit(batch);
    expect(first.errors).toBeUndefined();
    expect(first.outcome).toMatchObject({ created: 3, updated: 0, unchanged: 0 });
    const ids = first.outcome!.rows.map((r) => r.id);
    expect(ids.every((id) => id.startsWith(`SMR-${code}-`))).toBe(true);
    expect((await submit(batch)).outcome).toMatchObject({ created: 0, updated: 0, unchanged: 3 });
    const corrected = await submit([{ ...batch[0], exceedances: 1, reportedOn: '2020-04-15' }]);
    expect(corrected.outcome!.rows).toEqual([{ index: 0, externalId: 'smr-2019', id: ids[0], outcome: 'UPDATED' }]);
    expect(await counts()).toEqual({ ...before, reports: before.reports + 3, audit: before.audit + 4 });

    expect(await reportsOf(code)).toEqual([
      { id: ids[1], externalId: 'smr-2021', year: 2021, reportedOn: '2022-03-31', summary: batch[1]!.summary, exceedances: 2 },
      { id: ids[2], externalId: 'smr-2020', year: 2020, reportedOn: '2021-03-31', summary: batch[2]!.summary, exceedances: 0 },
      { id: ids[0], externalId: 'smr-2019', year: 2019, reportedOn: '2020-04-15', summary: batch[0]!.summary, exceedances: 1 },
    ]);
    expect(await reportsOf(harness.demo.environment.enterprises[5]!.creditCode)).toEqual([]);
    await auditChainIsSound();
  });

  it('rejects a batch with bad rows whole, lists every bad row with its path, and writes nothing', async () => {
    const before = await counts();
    const code = harness.demo.environment.enterprises[5]!.creditCode;
    const { data, errors } = await submit([
      report('bad-0', code, 2017),
      report('bad-1', code, 2019, { reportedOn: '2018-12-31' }),
      report('bad-2', code, 2020, { summary: 'x'.repeat(2001) }),
      report('bad-3', code, 2021, { exceedances: -1 }),
      report('bad-4', wrongCheck(code), 2022),
      report('ok-5', code, 2023),
      report('bad-6', code, 2023),
      report('bad-7', code, new Date().getUTCFullYear() + 2),
    ]);
    expect(data).toBeNull();
    expect(rejectedOf(errors).map((r) => r.argumentPath)).toEqual([
      ['reports', 0, 'year'],
      ['reports', 1, 'reportedOn'],
      ['reports', 2, 'summary'],
      ['reports', 3, 'exceedances'],
      ['reports', 4, 'enterpriseCreditCode'],
      ['reports', 6, 'year'],
      ['reports', 7, 'year'],
    ]);
    expect(await counts()).toEqual(before);
  });

  it('rejects a report of an unknown enterprise and a second report of one year', async () => {
    const code = harness.demo.environment.enterprises[6]!.creditCode;
    expect((await submit([report('first-2022', code, 2022)])).errors).toBeUndefined();
    const before = await counts();
    const known = new Set(harness.demo.environment.enterprises.map((e) => e.creditCode));
    const unknown = Array.from({ length: 100 }, (_, i) => creditCode(900_000 + i)).find((c) => !known.has(c))!;
    const { errors } = await submit([report('unknown', unknown, 2022), report('second-2022', code, 2022), report('fine-2023', code, 2023)]);
    expect(rejectedOf(errors)).toEqual([
      { index: 0, argumentPath: ['reports', 0, 'enterpriseCreditCode'], message: expect.stringMatching(/no enterprise/) },
      { index: 1, argumentPath: ['reports', 1, 'year'], message: expect.stringMatching(/already has a 2022 report/) },
    ]);
    expect(await counts()).toEqual(before);
  });
});

describe('submitSiteStatusChanges', () => {
  const submit = submitter('submitSiteStatusChanges', 'changes', 'SiteStatusChangeSubmission');
  const LISTED = new Set(['LISTED', 'UNDER_CONTROL', 'UNDER_REMEDIATION', 'REMEDIATED']);
  const byCodeUnits = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  const seededHistory = (siteId: string) =>
    harness.demo.environment.siteStatusChanges.filter((c) => c.siteId === siteId).sort((a, b) => byCodeUnits(a.changedOn, b.changedOn) || byCodeUnits(a.id, b.id));
  const site = (i: number) => {
    const s = harness.demo.environment.contaminatedSites[i]!;
    const history = seededHistory(s.id);
    return { id: s.id, newest: history.at(-1)!, changes: history.length };
  };
  const addDays = (day: string, n: number) => {
    const d = new Date(`${day}T00:00:00Z`);
    d.setUTCDate(d.getUTCDate() + n);
    return d.toISOString().slice(0, 10);
  };
  const siteNow = async (id: string) =>
    (await harness.query(`query($id: ID!) { contaminatedSite(id: $id) { status statusSince listed history { status changedOn document } } }`, { id })).data!.contaminatedSite;
  const serial = (siteId: string, n: number) => `${siteId}-${String(n).padStart(2, '0')}`;

  it("records a change, moves the site's status with it, keeps it on re-submission and updates a corrected row", async () => {
    const before = await counts();
    const s = site(0);
    const status = s.newest.status === 'UNDER_REMEDIATION' ? 'REMEDIATED' : 'UNDER_REMEDIATION';
    const change = { externalId: 'chg-1', siteId: s.id, status, changedOn: addDays(s.newest.changedOn, 30), document: `Decision ${ODD_TEXT}` };

    const first = await submit([change]);
    expect(first.errors).toBeUndefined();
    expect(first.outcome).toEqual({ created: 1, updated: 0, unchanged: 0, rows: [{ index: 0, externalId: 'chg-1', id: serial(s.id, s.changes + 1), outcome: 'CREATED' }] });
    const after = await siteNow(s.id);
    expect(after).toMatchObject({ status, statusSince: change.changedOn, listed: LISTED.has(status) });
    expect(after.history).toHaveLength(s.changes + 1);
    expect(after.history.at(-1)).toEqual({ status, changedOn: change.changedOn, document: change.document });

    expect((await submit([change])).outcome).toMatchObject({ created: 0, updated: 0, unchanged: 1 });
    // Correcting the recorded change's day is an update, not a new change: the site follows it.
    const corrected = { ...change, changedOn: addDays(s.newest.changedOn, 10) };
    expect((await submit([corrected])).outcome!.rows).toEqual([{ index: 0, externalId: 'chg-1', id: serial(s.id, s.changes + 1), outcome: 'UPDATED' }]);
    expect(await siteNow(s.id)).toMatchObject({ status, statusSince: corrected.changedOn });
    expect(await counts()).toEqual({ ...before, changes: before.changes + 1, audit: before.audit + 2 });
    await auditChainIsSound();
  });

  it('re-submitting a seeded change as it is changes nothing', async () => {
    const before = await counts();
    const c = site(1).newest;
    const { outcome } = await submit([{ externalId: c.externalId, siteId: c.siteId, status: c.status, changedOn: c.changedOn, document: c.document }]);
    expect(outcome).toEqual({ created: 0, updated: 0, unchanged: 1, rows: [{ index: 0, externalId: c.externalId, id: c.id, outcome: 'UNCHANGED' }] });
    expect(await counts()).toEqual(before);
  });

  it("rejects a new change dated before the site's newest change, and an unknown site, writing nothing", async () => {
    const before = await counts();
    const s = site(2);
    const { data, errors } = await submit([
      { externalId: 'late', siteId: s.id, status: 'LISTED', changedOn: addDays(s.newest.changedOn, -1), document: 'd' },
      { externalId: 'nowhere', siteId: 'CS-110105-99', status: 'SUSPECTED', changedOn: '2024-01-01', document: 'd' },
      { externalId: 'fine', siteId: s.id, status: 'LISTED', changedOn: addDays(s.newest.changedOn, 1), document: 'd' },
      { externalId: 'long-document', siteId: s.id, status: 'LISTED', changedOn: '2024-01-01', document: 'x'.repeat(501) },
      { externalId: 'no-document', siteId: s.id, status: 'LISTED', changedOn: '2024-01-01', document: '' },
    ]);
    expect(data).toBeNull();
    // Rows that fail their own validation are listed first; the registry is checked only when every row is well formed.
    expect(rejectedOf(errors).map((r) => r.argumentPath)).toEqual([
      ['changes', 3, 'document'],
      ['changes', 4, 'document'],
    ]);
    const second = await submit([
      { externalId: 'late', siteId: s.id, status: 'LISTED', changedOn: addDays(s.newest.changedOn, -1), document: 'd' },
      { externalId: 'nowhere', siteId: 'CS-110105-99', status: 'SUSPECTED', changedOn: '2024-01-01', document: 'd' },
      { externalId: 'fine', siteId: s.id, status: 'LISTED', changedOn: addDays(s.newest.changedOn, 1), document: 'd' },
    ]);
    expect(rejectedOf(second.errors)).toEqual([
      { index: 0, argumentPath: ['changes', 0, 'changedOn'], message: expect.stringMatching(new RegExp(`before ${s.newest.changedOn}`)) },
      { index: 1, argumentPath: ['changes', 1, 'siteId'], message: expect.stringMatching(/no contaminated site/) },
    ]);
    expect(await counts()).toEqual(before);
    expect(await siteNow(s.id)).toMatchObject({ status: s.newest.status, statusSince: s.newest.changedOn });
  });

  it('a change on the day of the newest one becomes the current status; in a batch, the latest day wins whatever the order', async () => {
    const s = site(3);
    const sameDay = await submit([{ externalId: 'same-day', siteId: s.id, status: 'REASSESSED', changedOn: s.newest.changedOn, document: 'd' }]);
    expect(sameDay.outcome!.rows[0]!.id).toBe(serial(s.id, s.changes + 1));
    expect(await siteNow(s.id)).toMatchObject({ status: 'REASSESSED', statusSince: s.newest.changedOn, listed: false });

    const later = addDays(s.newest.changedOn, 200);
    const earlier = addDays(s.newest.changedOn, 100);
    const batch = await submit([
      { externalId: 'batch-later', siteId: s.id, status: 'UNDER_CONTROL', changedOn: later, document: 'd' },
      { externalId: 'batch-earlier', siteId: s.id, status: 'LISTED', changedOn: earlier, document: 'd' },
    ]);
    expect(batch.outcome!.rows.map((r) => r.id)).toEqual([serial(s.id, s.changes + 2), serial(s.id, s.changes + 3)]);
    const now = await siteNow(s.id);
    expect(now).toMatchObject({ status: 'UNDER_CONTROL', statusSince: later, listed: true });
    expect(now.history.slice(-2).map((c: { changedOn: string }) => c.changedOn)).toEqual([earlier, later]);
    const [row] = await harness.db.select().from(contaminatedSites).where(eq(contaminatedSites.id, s.id));
    expect([row!.status, row!.statusSince]).toEqual(['UNDER_CONTROL', later]);
  });

  it('two writers adding changes to one site at once: the later day always lands, the earlier one only if it came first', async () => {
    const s = site(6);
    const later = { externalId: 'race-later', siteId: s.id, status: 'UNDER_CONTROL', changedOn: addDays(s.newest.changedOn, 20), document: 'd' };
    const earlier = { externalId: 'race-earlier', siteId: s.id, status: 'LISTED', changedOn: addDays(s.newest.changedOn, 10), document: 'd' };
    const [a, b] = await Promise.all([submit([later]), submit([earlier])]);
    expect(a.errors).toBeUndefined();
    if (b.errors !== undefined) expect(rejectedOf(b.errors).map((r) => r.argumentPath)).toEqual([['changes', 0, 'changedOn']]);
    expect(await siteNow(s.id)).toMatchObject({ status: 'UNDER_CONTROL', statusSince: later.changedOn });
    await auditChainIsSound();
  });

  it('refuses to move a recorded change to another site', async () => {
    const before = await counts();
    const c = site(4).newest;
    const other = site(5).id;
    const { errors } = await submit([{ externalId: c.externalId, siteId: other, status: c.status, changedOn: '2030-01-01', document: c.document }]);
    expect(rejectedOf(errors)).toEqual([{ index: 0, argumentPath: ['changes', 0, 'siteId'], message: expect.stringMatching(/cannot move to another site/) }]);
    expect(await counts()).toEqual(before);
  });
});
