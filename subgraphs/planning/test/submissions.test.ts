import { AUDIT_LOGS, verifyAuditChain } from '@soilgraph/db';
import { landUseChanges, parcels } from '@soilgraph/db/planning';
import { createSubgraphHarness, type SubgraphHarness } from '@soilgraph/testkit';
import { count } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planningSubgraph } from '../src/server.ts';

let harness: SubgraphHarness;
beforeAll(async () => {
  harness = await createSubgraphHarness(planningSubgraph);
});
afterAll(() => harness.close());

const RESULT = `{ created updated unchanged rows { index externalId id outcome } }`;
const SUBMIT_PARCELS = `mutation($parcels: [ParcelSubmission!]!) { submitParcels(parcels: $parcels) ${RESULT} }`;
const SUBMIT_CHANGES = `mutation($changes: [LandUseChangeSubmission!]!) { submitLandUseChanges(changes: $changes) ${RESULT} }`;
const submitParcels = (rows: unknown[]) => harness.query(SUBMIT_PARCELS, { parcels: rows });
const submitChanges = (rows: unknown[]) => harness.query(SUBMIT_CHANGES, { changes: rows });

/** Text that must come back exactly as sent: SQL metacharacters, quotes, Unicode. */
const ODD_TEXT = `海淀区 地块'; drop table planning.parcels; -- "🏗️" \\ %_`;

type Position = [number, number];
/** A closed rectangle ring of the given size at (lon, lat). */
const rectangle = (lon: number, lat: number, size = 0.005): Position[] => [
  [lon, lat],
  [lon + size, lat],
  [lon + size, lat + size],
  [lon, lat + size],
  [lon, lat],
];

function parcel(externalId: string, id: string, overrides: Record<string, unknown> = {}) {
  return {
    externalId,
    id,
    name: ODD_TEXT,
    districtCode: '110108',
    landUse: '0701',
    plannedUse: 'R2',
    areaHa: 12.5,
    geometry: { type: 'Polygon', coordinates: [rectangle(116.3, 39.98)] },
    ...overrides,
  };
}

function change(externalId: string, parcelId: string, overrides: Record<string, unknown> = {}) {
  return {
    externalId,
    caseNumber: `BJGT ${ODD_TEXT}`,
    parcelId,
    fromPlannedUse: 'M1',
    toPlannedUse: 'A33',
    status: 'PROPOSED',
    proposedOn: '2025-03-01',
    ...overrides,
  };
}

const demoParcels = () => harness.demo.planning.parcels;
const demoChanges = () => harness.demo.planning.landUseChanges;
/** A demo parcel as planning's system would submit it again. */
const asSubmission = (p: ReturnType<typeof demoParcels>[number]) => ({
  externalId: p.externalId,
  id: p.id,
  name: p.name,
  districtCode: p.districtCode,
  landUse: p.landUse,
  plannedUse: p.plannedUse ?? null,
  areaHa: p.areaHa,
  geometry: p.geometry,
});
/** The highest serial of a district's demo cases, read from their ids LUC-<district>-<serial>. */
const lastDemoSerial = (district: string) =>
  Math.max(0, ...demoChanges().filter((c) => c.id.startsWith(`LUC-${district}-`)).map((c) => Number(c.id.slice(`LUC-${district}-`.length))));
const caseId = (district: string, serial: number) => `LUC-${district}-${String(serial).padStart(3, '0')}`;

/** The bbox of a geometry's positions, computed here independently of @soilgraph/geo. */
function boxOf(positions: Position[]) {
  return {
    minLon: Math.min(...positions.map((p) => p[0])),
    minLat: Math.min(...positions.map((p) => p[1])),
    maxLon: Math.max(...positions.map((p) => p[0])),
    maxLat: Math.max(...positions.map((p) => p[1])),
  };
}

const counts = async () => {
  const [p] = await harness.db.select({ n: count() }).from(parcels);
  const [c] = await harness.db.select({ n: count() }).from(landUseChanges);
  const [audit] = await harness.db.select({ n: count() }).from(AUDIT_LOGS.planning);
  return { parcels: p!.n, changes: c!.n, audit: audit!.n };
};

const PARCEL_FIELDS = `externalId name district { code } landUse plannedUse areaHa geometry bbox { minLon minLat maxLon maxLat }`;
const CHANGE_FIELDS = `externalId caseNumber parcel { id } district { code } fromPlannedUse toPlannedUse status proposedOn decidedOn`;

describe('submitParcels', () => {
  it('creates, then re-submitting changes nothing, then a changed row is updated; every change is audited in a sound chain', async () => {
    const before = await counts();
    const multi = [rectangle(116.25, 39.95), rectangle(116.27, 39.96, 0.002)];
    const batch = [
      parcel('plan-2025-001', '110108-S0001'),
      parcel('plan-2025-002', '110108-S0002', { plannedUse: null, landUse: '01', geometry: { type: 'MultiPolygon', coordinates: multi.map((r) => [r]) } }),
      // The pre-2015 Miyun code is accepted and stored as the current one.
      parcel('plan-2025-003', '110118-S0001', { districtCode: '110228', landUse: '0301', plannedUse: 'G2', geometry: { type: 'Polygon', coordinates: [rectangle(116.85, 40.4)] } }),
    ];

    const first = await submitParcels(batch);
    expect(first.errors).toBeUndefined();
    expect(first.data!.submitParcels).toEqual({
      created: 3,
      updated: 0,
      unchanged: 0,
      rows: batch.map((b, index) => ({ index, externalId: b.externalId, id: b.id, outcome: 'CREATED' })),
    });
    expect(await counts()).toEqual({ ...before, parcels: before.parcels + 3, audit: before.audit + 3 });

    const stored = await harness.query(`query { a: parcel(id: "110108-S0002") { ${PARCEL_FIELDS} } b: parcel(id: "110118-S0001") { ${PARCEL_FIELDS} } }`);
    expect(stored.errors).toBeUndefined();
    expect(stored.data!.a).toEqual({
      externalId: 'plan-2025-002',
      name: ODD_TEXT,
      district: { code: '110108' },
      landUse: '01',
      plannedUse: null,
      areaHa: 12.5,
      geometry: { type: 'MultiPolygon', coordinates: multi.map((r) => [r]) },
      bbox: boxOf(multi.flat()),
    });
    expect(stored.data!.b).toMatchObject({ district: { code: '110118' }, landUse: '0301', plannedUse: 'G2', bbox: boxOf(rectangle(116.85, 40.4)) });

    const again = await submitParcels(batch);
    expect(again.data!.submitParcels).toEqual({ created: 0, updated: 0, unchanged: 3, rows: batch.map((b, index) => ({ index, externalId: b.externalId, id: b.id, outcome: 'UNCHANGED' })) });
    expect(await counts()).toEqual({ ...before, parcels: before.parcels + 3, audit: before.audit + 3 });

    const changed = [batch[0], { ...batch[1], plannedUse: 'G1', areaHa: 13 }, batch[2]];
    const third = await submitParcels(changed);
    expect(third.data!.submitParcels).toMatchObject({ created: 0, updated: 1, unchanged: 2 });
    expect(third.data!.submitParcels.rows[1]).toEqual({ index: 1, externalId: 'plan-2025-002', id: '110108-S0002', outcome: 'UPDATED' });
    expect(await counts()).toEqual({ ...before, parcels: before.parcels + 3, audit: before.audit + 4 });
    const { data } = await harness.query(`{ parcel(id: "110108-S0002") { plannedUse plannedUseName areaHa name } }`);
    expect(data!.parcel).toEqual({ plannedUse: 'G1', plannedUseName: "parks (community and children's)", areaHa: 13, name: ODD_TEXT });

    const { problems, entries } = await verifyAuditChain(harness.db, AUDIT_LOGS.planning);
    expect(problems).toEqual([]);
    expect(entries).toBe(before.audit + 4);
  });

  it('re-submitting demo parcels as they are changes nothing', async () => {
    const before = await counts();
    const sample = demoParcels().filter((_, i) => i % 7 === 0);
    const { data, errors } = await submitParcels(sample.map(asSubmission));
    expect(errors).toBeUndefined();
    expect(data!.submitParcels).toMatchObject({ created: 0, updated: 0, unchanged: sample.length });
    expect(data!.submitParcels.rows.map((r: any) => r.id)).toEqual(sample.map((p) => p.id));
    expect(await counts()).toEqual(before);
  });

  it('rejects a batch with bad rows whole, lists every bad row with its path, and writes nothing', async () => {
    const before = await counts();
    const { data, errors } = await submitParcels([
      parcel('bad-0', 'B-0', { landUse: '9999' }),
      parcel('bad-1', 'B-1', { districtCode: '999999' }),
      parcel('bad-2', 'B-2'),
      parcel('bad-2', 'B-3'),
      parcel('bad-4', 'B-4', { plannedUse: 'ZZ' }),
      parcel('bad-5', 'B-5', { areaHa: 0 }),
      parcel('ok-6', 'B-6'),
      parcel('bad-7', 'B-7', { name: 'x'.repeat(10 * 1024 * 1024) }),
      parcel('bad-8', 'B-8', { geometry: { type: 'Polygon', coordinates: [rectangle(116.3, 39.98).slice(0, 4)] } }),
      parcel('bad-9', 'B-9', { geometry: { type: 'Polygon', coordinates: [[[116.3, 39.98], [200, 39.98], [116.31, 39.99], [116.3, 39.98]]] } }),
      parcel('bad-10', 'B-10', { geometry: { type: 'LineString', coordinates: [[116.3, 39.98], [116.31, 39.99]] } }),
      parcel('bad-11', 'B-2'),
      parcel('bad-12', 'B 12'),
      parcel('bad-13', 'B-13', { areaHa: 100_001 }),
      parcel('bad-14', 'B-14', { geometry: { type: 'Polygon', coordinates: [[[116.3, 39.98], [116.31, 39.98], [116.3, 39.98]]] } }),
      parcel('bad-15', 'B-15', { geometry: { type: 'MultiPolygon', coordinates: [[rectangle(116.3, 39.98)], [rectangle(116.4, 39.98).slice(0, 4)]] } }),
    ]);
    expect(data).toBeNull();
    expect(errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentPath: ['parcels'] });
    const rejected = errors![0]!.extensions!.rejected as { index: number; argumentPath: unknown[] }[];
    expect(rejected.map((r) => r.argumentPath)).toEqual([
      ['parcels', 0, 'landUse'],
      ['parcels', 1, 'districtCode'],
      ['parcels', 3, 'externalId'],
      ['parcels', 4, 'plannedUse'],
      ['parcels', 5, 'areaHa'],
      ['parcels', 7, 'name'],
      ['parcels', 8, 'geometry', 'coordinates', 0],
      ['parcels', 9, 'geometry', 'coordinates', 0, 1, 0],
      ['parcels', 10, 'geometry', 'type'],
      ['parcels', 11, 'id'],
      ['parcels', 12, 'id'],
      ['parcels', 13, 'areaHa'],
      ['parcels', 14, 'geometry', 'coordinates', 0],
      ['parcels', 15, 'geometry', 'coordinates', 1, 0],
    ]);
    expect(errors![0]!.message).toMatch(/^14 of 16 rows rejected, nothing was written: parcels\.0\.landUse: /);
    expect(await counts()).toEqual(before);
  });

  it("refuses to change a registered parcel's id or district, or to take another parcel's id, and writes nothing", async () => {
    const created = await submitParcels([parcel('ident-1', '110108-I0001'), parcel('ident-2', '110108-I0002')]);
    expect(created.data!.submitParcels.created).toBe(2);
    const before = await counts();
    const demo = demoParcels()[0]!;
    const { data, errors } = await submitParcels([
      parcel('ident-new', '110108-I0003'),
      parcel('ident-1', '110108-I0099'),
      parcel('ident-taken', demo.id, { districtCode: demo.districtCode }),
      parcel('ident-2', '110108-I0002', { districtCode: '110105' }),
    ]);
    expect(data).toBeNull();
    expect(errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentPath: ['parcels'] });
    expect(errors![0]!.extensions!.rejected).toEqual([
      { index: 1, argumentPath: ['parcels', 1, 'id'], message: expect.stringMatching(/is parcel "110108-I0001"; a parcel's id cannot change/) },
      { index: 2, argumentPath: ['parcels', 2, 'id'], message: expect.stringMatching(/already registered under another externalId/) },
      { index: 3, argumentPath: ['parcels', 3, 'districtCode'], message: expect.stringMatching(/lies in district 110108; a parcel's district cannot change/) },
    ]);
    expect(errors![0]!.message).toMatch(/^3 of 4 rows rejected, nothing was written/);
    expect(await counts()).toEqual(before);
    const { data: stored } = await harness.query(`{ parcel(id: "${demo.id}") { externalId } }`);
    expect(stored!.parcel).toEqual({ externalId: demo.externalId });
  });

  it.each([
    ['an empty batch', 0],
    ['5,001 rows', 5001],
  ])('rejects %s', async (_, size) => {
    const before = await counts();
    const { errors } = await submitParcels(Array.from({ length: size }, (_, i) => parcel(`size-${i}`, `SIZE-${i}`)));
    expect(errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentPath: ['parcels'] });
    expect(errors![0]!.message).toMatch(/a batch holds 1 to 5000 rows/);
    expect(await counts()).toEqual(before);
  });

  it('refuses a geometry that is no GeoJSON object before anything runs', async () => {
    const { errors } = await submitParcels([parcel('g-1', 'G-1', { geometry: 'POLYGON((116 40, 117 40, 117 41, 116 40))' })]);
    expect(errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(errors![0]!.message).toMatch(/GeoJSON/);
  });

  it('accepts 5,000 rows in one batch', async () => {
    const before = await counts();
    const batch = Array.from({ length: 5000 }, (_, i) => parcel(`bulk-${i}`, `110112-BULK${String(i).padStart(5, '0')}`, { districtCode: '110112', areaHa: 1 + (i % 50) }));
    const { data, errors } = await submitParcels(batch);
    expect(errors).toBeUndefined();
    expect(data!.submitParcels.created).toBe(5000);
    expect(await counts()).toEqual({ ...before, parcels: before.parcels + 5000, audit: before.audit + 5000 });
  }, 60_000);

  it('two writers upserting the same externalIds at once end with one row each and no error', async () => {
    const before = await counts();
    const batch = Array.from({ length: 50 }, (_, i) => parcel(`race-${i}`, `110108-R${String(i).padStart(4, '0')}`));
    const other = batch.map((p) => ({ ...p, plannedUse: 'A33' }));
    const [a, b] = await Promise.all([submitParcels(batch), submitParcels(other)]);
    expect(a.errors).toBeUndefined();
    expect(b.errors).toBeUndefined();
    const outcomes = [a, b].map((r) => r.data!.submitParcels);
    // One of them created the rows, the other updated every one of them.
    expect(outcomes.map((o) => [o.created, o.updated]).sort()).toEqual([
      [0, 50],
      [50, 0],
    ]);
    expect((await counts()).parcels).toBe(before.parcels + 50);
    expect((await verifyAuditChain(harness.db, AUDIT_LOGS.planning)).problems).toEqual([]);
  });
});

describe('submitLandUseChanges', () => {
  it('creates cases numbered per district, re-submitting changes nothing, a changed case is updated; audited in a sound chain', async () => {
    const before = await counts();
    // Parcels without a demo case in two districts (the serial depends only on the district).
    const open = (district: string) => demoParcels().find((p) => p.districtCode === district && !demoChanges().some((c) => c.parcelId === p.id))!;
    const p1 = open('110105');
    const p2 = open('110106');
    const batch = [
      change('case-2025-001', p1.id),
      change('case-2025-002', p2.id, { fromPlannedUse: null, toPlannedUse: 'R2', status: 'APPROVED', proposedOn: '2024-11-02', decidedOn: '2025-01-15' }),
      change('case-2025-003', p1.id, { toPlannedUse: 'B1', status: 'REJECTED', proposedOn: '2024-06-01', decidedOn: '2024-06-01' }),
    ];
    const ids = [caseId('110105', lastDemoSerial('110105') + 1), caseId('110106', lastDemoSerial('110106') + 1), caseId('110105', lastDemoSerial('110105') + 2)];

    const first = await submitChanges(batch);
    expect(first.errors).toBeUndefined();
    expect(first.data!.submitLandUseChanges).toEqual({ created: 3, updated: 0, unchanged: 0, rows: batch.map((b, index) => ({ index, externalId: b.externalId, id: ids[index], outcome: 'CREATED' })) });
    expect(await counts()).toEqual({ ...before, changes: before.changes + 3, audit: before.audit + 3 });

    const { data: stored } = await harness.query(`query($id: ID!) { landUseChange(id: $id) { ${CHANGE_FIELDS} } }`, { id: ids[1] });
    expect(stored!.landUseChange).toEqual({
      externalId: 'case-2025-002',
      caseNumber: `BJGT ${ODD_TEXT}`,
      parcel: { id: p2.id },
      district: { code: '110106' },
      fromPlannedUse: null,
      toPlannedUse: 'R2',
      status: 'APPROVED',
      proposedOn: '2024-11-02',
      decidedOn: '2025-01-15',
    });

    const again = await submitChanges(batch);
    expect(again.data!.submitLandUseChanges).toEqual({ created: 0, updated: 0, unchanged: 3, rows: batch.map((b, index) => ({ index, externalId: b.externalId, id: ids[index], outcome: 'UNCHANGED' })) });
    expect(await counts()).toEqual({ ...before, changes: before.changes + 3, audit: before.audit + 3 });

    // The open case is approved: same id, UPDATED.
    const approved = { ...batch[0], status: 'APPROVED', decidedOn: '2025-04-20' };
    const third = await submitChanges([approved, batch[1], batch[2]]);
    expect(third.data!.submitLandUseChanges).toMatchObject({ created: 0, updated: 1, unchanged: 2 });
    expect(third.data!.submitLandUseChanges.rows[0]).toEqual({ index: 0, externalId: 'case-2025-001', id: ids[0], outcome: 'UPDATED' });
    expect(await counts()).toEqual({ ...before, changes: before.changes + 3, audit: before.audit + 4 });

    // Recording an approved case leaves the parcel as it was; planning updates it with submitParcels.
    const parcelQuery = `query($id: ID!) { parcel(id: $id) { plannedUse landUseChanges { id status } } }`;
    const { data: unchanged } = await harness.query(parcelQuery, { id: p1.id });
    expect(unchanged!.parcel.plannedUse).toBe(p1.plannedUse ?? null);
    expect(unchanged!.parcel.landUseChanges).toEqual([
      { id: ids[2], status: 'REJECTED' },
      { id: ids[0], status: 'APPROVED' },
    ]);
    const updatedParcel = await submitParcels([{ ...asSubmission(p1), plannedUse: 'A33' }]);
    expect(updatedParcel.data!.submitParcels.rows).toEqual([{ index: 0, externalId: p1.externalId, id: p1.id, outcome: 'UPDATED' }]);
    const { data: followed } = await harness.query(parcelQuery, { id: p1.id });
    expect(followed!.parcel.plannedUse).toBe('A33');

    const { problems, entries } = await verifyAuditChain(harness.db, AUDIT_LOGS.planning);
    expect(problems).toEqual([]);
    expect(entries).toBe(before.audit + 5);
  });

  it('re-submitting demo cases as they are changes nothing', async () => {
    const before = await counts();
    const sample = demoChanges().filter((_, i) => i % 3 === 0);
    const { data, errors } = await submitChanges(sample.map(({ id: _, districtCode: __, ...c }) => c));
    expect(errors).toBeUndefined();
    expect(data!.submitLandUseChanges).toMatchObject({ created: 0, updated: 0, unchanged: sample.length });
    expect(data!.submitLandUseChanges.rows.map((r: any) => r.id)).toEqual(sample.map((c) => c.id));
    expect(await counts()).toEqual(before);
  });

  it('rejects a batch with bad rows whole, lists every bad row with its path, and writes nothing', async () => {
    const before = await counts();
    const on = demoParcels()[3]!.id;
    const { data, errors } = await submitChanges([
      change('bad-0', on, { toPlannedUse: 'R9' }),
      change('bad-1', on, { fromPlannedUse: 'XX' }),
      change('bad-2', on),
      change('bad-2', on),
      change('bad-4', on, { fromPlannedUse: 'A33', toPlannedUse: 'A33' }),
      change('bad-5', on, { status: 'APPROVED' }),
      change('ok-6', on),
      change('bad-7', on, { caseNumber: 'x'.repeat(10 * 1024 * 1024) }),
      change('bad-8', on, { decidedOn: '2025-03-02' }),
      change('bad-9', on, { status: 'REJECTED', decidedOn: '2025-02-28' }),
      change('bad-10', 'x'.repeat(65)),
      change('', on),
    ]);
    expect(data).toBeNull();
    expect(errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentPath: ['changes'] });
    const rejected = errors![0]!.extensions!.rejected as { index: number; argumentPath: unknown[] }[];
    expect(rejected.map((r) => r.argumentPath)).toEqual([
      ['changes', 0, 'toPlannedUse'],
      ['changes', 1, 'fromPlannedUse'],
      ['changes', 3, 'externalId'],
      ['changes', 4, 'toPlannedUse'],
      ['changes', 5, 'decidedOn'],
      ['changes', 7, 'caseNumber'],
      ['changes', 8, 'decidedOn'],
      ['changes', 9, 'decidedOn'],
      ['changes', 10, 'parcelId'],
      ['changes', 11, 'externalId'],
    ]);
    expect(errors![0]!.message).toMatch(/^10 of 12 rows rejected, nothing was written: changes\.0\.toPlannedUse: /);
    expect(await counts()).toEqual(before);
  });

  it("rejects a case on a parcel planning does not have, or moved off its parcel, with the path, and writes nothing", async () => {
    const [p1, p2] = demoParcels().filter((p) => p.districtCode === '110114');
    const registered = await submitChanges([change('move-1', p1!.id)]);
    expect(registered.errors).toBeUndefined();
    const before = await counts();
    const { data, errors } = await submitChanges([change('ref-0', p1!.id), change('ref-1', 'NO-SUCH-PARCEL'), change('move-1', p2!.id), change('ref-3', p2!.id)]);
    expect(data).toBeNull();
    expect(errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentPath: ['changes'] });
    expect(errors![0]!.extensions!.rejected).toEqual([
      { index: 1, argumentPath: ['changes', 1, 'parcelId'], message: expect.stringMatching(/no parcel "NO-SUCH-PARCEL" in planning/) },
      { index: 2, argumentPath: ['changes', 2, 'parcelId'], message: expect.stringMatching(new RegExp(`is on parcel "${p1!.id}"; a case stays on its parcel`)) },
    ]);
    expect(await counts()).toEqual(before);
  });

  it.each([
    ['an empty batch', 0],
    ['5,001 rows', 5001],
  ])('rejects %s', async (_, size) => {
    const before = await counts();
    const on = demoParcels()[0]!.id;
    const { errors } = await submitChanges(Array.from({ length: size }, (_, i) => change(`size-${i}`, on)));
    expect(errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentPath: ['changes'] });
    expect(errors![0]!.message).toMatch(/a batch holds 1 to 5000 rows/);
    expect(await counts()).toEqual(before);
  });

  it.each([
    ['an unknown status', { status: 'WITHDRAWN' }, /WITHDRAWN/],
    ['a day that does not exist', { proposedOn: '2025-02-30' }, /2025-02-30/],
  ])('refuses %s before anything runs', async (_, overrides, pattern) => {
    const { errors } = await submitChanges([change('e-1', demoParcels()[0]!.id, overrides)]);
    expect(errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(errors![0]!.message).toMatch(pattern);
  });

  it('accepts 5,000 rows in one batch, numbered on from the district numerically past 999', async () => {
    const before = await counts();
    const district = '110112';
    const on = demoParcels().filter((p) => p.districtCode === district);
    const last = lastDemoSerial(district);
    const batch = Array.from({ length: 5000 }, (_, i) => change(`bulk-case-${i}`, on[i % on.length]!.id));
    const { data, errors } = await submitChanges(batch);
    expect(errors).toBeUndefined();
    expect(data!.submitLandUseChanges.created).toBe(5000);
    expect(data!.submitLandUseChanges.rows.map((r: any) => r.id)).toEqual(batch.map((_, i) => caseId(district, last + 1 + i)));
    expect(await counts()).toEqual({ ...before, changes: before.changes + 5000, audit: before.audit + 5000 });
    // The next case follows the highest serial by number (5000+), not by text ("999" > "5003").
    const next = await submitChanges([change('bulk-case-next', on[0]!.id)]);
    expect(next.data!.submitLandUseChanges.rows[0].id).toBe(caseId(district, last + 5001));
  }, 60_000);

  it('two writers numbering new cases in one district at once get distinct consecutive serials and no error', async () => {
    const before = await counts();
    const district = '110113';
    const on = demoParcels().find((p) => p.districtCode === district)!.id;
    const a = Array.from({ length: 50 }, (_, i) => change(`race-a-${i}`, on));
    const b = Array.from({ length: 50 }, (_, i) => change(`race-b-${i}`, on));
    const results = await Promise.all([submitChanges(a), submitChanges(b)]);
    expect(results.map((r) => r.errors)).toEqual([undefined, undefined]);
    const ids = results.flatMap((r) => r.data!.submitLandUseChanges.rows.map((row: any) => row.id)).sort();
    const last = lastDemoSerial(district);
    expect(ids).toEqual(Array.from({ length: 100 }, (_, i) => caseId(district, last + 1 + i)).sort());
    expect((await counts()).changes).toBe(before.changes + 100);
    expect((await verifyAuditChain(harness.db, AUDIT_LOGS.planning)).problems).toEqual([]);
  });

  it('two writers upserting the same externalIds at once end with one row each and no error', async () => {
    const before = await counts();
    const on = demoParcels().find((p) => p.districtCode === '110115')!.id;
    const batch = Array.from({ length: 50 }, (_, i) => change(`race-same-${i}`, on));
    const other = batch.map((c) => ({ ...c, toPlannedUse: 'A5' }));
    const [a, b] = await Promise.all([submitChanges(batch), submitChanges(other)]);
    expect(a.errors).toBeUndefined();
    expect(b.errors).toBeUndefined();
    const outcomes = [a, b].map((r) => r.data!.submitLandUseChanges);
    expect(outcomes.map((o) => [o.created, o.updated]).sort()).toEqual([
      [0, 50],
      [50, 0],
    ]);
    expect(outcomes[0]!.rows.map((r: any) => r.id)).toEqual(outcomes[1]!.rows.map((r: any) => r.id));
    expect((await counts()).changes).toBe(before.changes + 50);
    expect((await verifyAuditChain(harness.db, AUDIT_LOGS.planning)).problems).toEqual([]);
  });
});
