import { createHash } from 'node:crypto';
import { AUDIT_LOGS, verifyAuditChain } from '@soilgraph/db';
import { farmlandClassDecisions, fertilizerUse, pesticideUse, safeUtilisationRecords } from '@soilgraph/db/agriculture';
import type { AgricultureDemo, PlanningDemo } from '@soilgraph/db/demo';
import type { ReferenceResolver } from '@soilgraph/server-kit';
import { createSubgraphHarness, type SubgraphHarness } from '@soilgraph/testkit';
import { asc, count, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withOwners } from './owners.ts';
import { BAD_USER_INPUT, entities, latestDecisions } from './support.ts';

let harness: SubgraphHarness;
let owners: ReferenceResolver;
let demo: AgricultureDemo;
let planning: PlanningDemo;
beforeAll(async () => {
  const checked = withOwners(() => harness.db);
  owners = checked.owners;
  harness = await createSubgraphHarness(checked.definition);
  demo = harness.demo.agriculture;
  planning = harness.demo.planning;
});
afterAll(async () => {
  await harness.close();
  await owners.close();
});

const RESULT = '{ created updated unchanged rows { index externalId id outcome } }';
const submitDecisions = (decisions: unknown[]) =>
  harness.query(`mutation($decisions: [FarmlandClassDecisionSubmission!]!) { submitFarmlandClassDecisions(decisions: $decisions) ${RESULT} }`, { decisions });
const submitFertilizer = (records: unknown[]) => harness.query(`mutation($records: [FertilizerUseSubmission!]!) { submitFertilizerUse(records: $records) ${RESULT} }`, { records });
const submitPesticide = (records: unknown[]) => harness.query(`mutation($records: [PesticideUseSubmission!]!) { submitPesticideUse(records: $records) ${RESULT} }`, { records });
const submitSafeUse = (records: unknown[]) =>
  harness.query(`mutation($records: [SafeUtilisationRecordSubmission!]!) { submitSafeUtilisationRecords(records: $records) ${RESULT} }`, { records });

/** Text that must come back exactly as sent: SQL metacharacters, quotes, Unicode. */
const ODD_TEXT = `北京市农业农村局'; drop table agriculture.fertilizer_use; -- "🌾" \\ %_`;
const TEN_MB = 'x'.repeat(10 * 1024 * 1024);

const counts = async () => {
  const [decisions] = await harness.db.select({ n: count() }).from(farmlandClassDecisions);
  const [fertilizer] = await harness.db.select({ n: count() }).from(fertilizerUse);
  const [pesticide] = await harness.db.select({ n: count() }).from(pesticideUse);
  const [safeUse] = await harness.db.select({ n: count() }).from(safeUtilisationRecords);
  const [audit] = await harness.db.select({ n: count() }).from(AUDIT_LOGS.agriculture);
  return { decisions: decisions!.n, fertilizer: fertilizer!.n, pesticide: pesticide!.n, safeUse: safeUse!.n, audit: audit!.n };
};

const rejectedPaths = (errors: readonly { extensions?: Record<string, unknown> }[] | undefined) =>
  (errors?.[0]?.extensions?.rejected as { argumentPath: unknown[] }[] | undefined)?.map((r) => r.argumentPath);

function fertilizer(externalId: string, overrides: Record<string, unknown> = {}) {
  return {
    externalId,
    districtCode: '110112',
    year: 2031,
    crop: 'WHEAT',
    sownAreaHa: 8123.4,
    nitrogenT: 1210.5,
    phosphateT: 402.25,
    potashT: 268.1,
    compoundT: 806.75,
    utilisationRatePct: 41.3,
    ...overrides,
  };
}

describe('submitFertilizerUse', () => {
  it('creates, then re-submitting changes nothing, then a changed row is updated; every change is audited in a sound chain', async () => {
    const before = await counts();
    const batch = [
      fertilizer(ODD_TEXT),
      fertilizer('fu-2030-maize', { crop: 'MAIZE', utilisationRatePct: null }),
      // A pre-2015 Miyun code: stored, and named in the id, as the current one.
      fertilizer('fu-2030-miyun', { districtCode: '110228', crop: 'FRUIT_TREES' }),
    ];
    const first = await submitFertilizer(batch);
    expect(first.errors).toBeUndefined();
    expect(first.data!.submitFertilizerUse).toEqual({
      created: 3,
      updated: 0,
      unchanged: 0,
      rows: [
        { index: 0, externalId: ODD_TEXT, id: 'FU-110112-2031-WHEAT', outcome: 'CREATED' },
        { index: 1, externalId: 'fu-2030-maize', id: 'FU-110112-2031-MAIZE', outcome: 'CREATED' },
        { index: 2, externalId: 'fu-2030-miyun', id: 'FU-110118-2031-FRUIT_TREES', outcome: 'CREATED' },
      ],
    });
    expect(await counts()).toEqual({ ...before, fertilizer: before.fertilizer + 3, audit: before.audit + 3 });

    const again = await submitFertilizer(batch);
    expect(again.data!.submitFertilizerUse).toEqual({
      created: 0,
      updated: 0,
      unchanged: 3,
      rows: first.data!.submitFertilizerUse.rows.map((r: any) => ({ ...r, outcome: 'UNCHANGED' })),
    });
    expect(await counts()).toEqual({ ...before, fertilizer: before.fertilizer + 3, audit: before.audit + 3 });

    const third = await submitFertilizer([batch[0], { ...batch[1], utilisationRatePct: 39.9, nitrogenT: 1100 }, { ...batch[2], districtCode: '110118' }]);
    // The Miyun row under its current code is the same record: unchanged.
    expect(third.data!.submitFertilizerUse).toMatchObject({ created: 0, updated: 1, unchanged: 2 });
    expect(third.data!.submitFertilizerUse.rows[1]).toEqual({ index: 1, externalId: 'fu-2030-maize', id: 'FU-110112-2031-MAIZE', outcome: 'UPDATED' });
    expect(await counts()).toEqual({ ...before, fertilizer: before.fertilizer + 3, audit: before.audit + 4 });

    const log = AUDIT_LOGS.agriculture;
    const ids = first.data!.submitFertilizerUse.rows.map((r: any) => r.id);
    const audit = await harness.db
      .select({ subject: log.subject, agency: log.agency, operation: log.operation, entityType: log.entityType, entityKey: log.entityKey, change: log.change, beforeDigest: log.beforeDigest, afterDigest: log.afterDigest })
      .from(log)
      .where(inArray(log.entityKey, ids))
      .orderBy(asc(log.seq));
    const origin = { subject: 'test:agriculture', agency: 'agriculture', operation: 'submitFertilizerUse', entityType: 'FertilizerUse' };
    expect(audit.map(({ beforeDigest: _b, afterDigest: _a, ...e }) => e)).toEqual([
      ...ids.map((entityKey: string) => ({ ...origin, entityKey, change: 'CREATED' })),
      { ...origin, entityKey: ids[1], change: 'UPDATED' },
    ]);
    expect(audit.slice(0, 3).every((e) => e.beforeDigest === null)).toBe(true);
    // The update's before is the creation's after.
    expect(audit[3]!.beforeDigest).toBe(audit[1]!.afterDigest);

    const { data } = await harness.query(
      `{ a: fertilizerUseRecord(id: "FU-110112-2031-WHEAT") { externalId district { code } year crop sownAreaHa nitrogenT phosphateT potashT compoundT totalT utilisationRatePct }
         b: fertilizerUseRecord(id: "FU-110112-2031-MAIZE") { nitrogenT utilisationRatePct } }`,
    );
    const w = batch[0]!;
    expect(data!.a).toEqual({
      externalId: ODD_TEXT,
      district: { code: '110112' },
      year: 2031,
      crop: 'WHEAT',
      sownAreaHa: w.sownAreaHa,
      nitrogenT: w.nitrogenT,
      phosphateT: w.phosphateT,
      potashT: w.potashT,
      compoundT: w.compoundT,
      totalT: Math.round((w.nitrogenT + w.phosphateT + w.potashT + w.compoundT) * 1000) / 1000,
      utilisationRatePct: w.utilisationRatePct,
    });
    expect(data!.b).toEqual({ nitrogenT: 1100, utilisationRatePct: 39.9 });
    const { problems, entries } = await verifyAuditChain(harness.db, AUDIT_LOGS.agriculture);
    expect(problems).toEqual([]);
    expect(entries).toBe(before.audit + 4);
  });

  it('rejects a batch with bad rows whole, lists every bad row with its path, and writes nothing', async () => {
    const before = await counts();
    const { data, errors } = await submitFertilizer([
      fertilizer('fbad-0', { compoundT: -0.5 }),
      fertilizer('fbad-1', { districtCode: '999999' }),
      fertilizer('fbad-2', { year: 2032 }),
      fertilizer('fbad-2', { year: 2033 }),
      fertilizer('fbad-4', { year: 1989 }),
      fertilizer('fbad-5', { utilisationRatePct: 100.5 }),
      fertilizer('fbad-6', { nitrogenT: 2_000_000 }),
      fertilizer('fok-7', { year: 2034 }),
      fertilizer(TEN_MB, { year: 2035 }),
      fertilizer('fbad-9', { year: 2034 }),
      fertilizer('fbad-10', { year: 2036, sownAreaHa: 2_000_000 }),
    ]);
    expect(data).toBeNull();
    expect(errors?.[0]?.extensions).toMatchObject({ code: BAD_USER_INPUT, argumentPath: ['records'] });
    expect(rejectedPaths(errors)).toEqual([
      ['records', 0, 'compoundT'],
      ['records', 1, 'districtCode'],
      ['records', 3, 'externalId'],
      ['records', 4, 'year'],
      ['records', 5, 'utilisationRatePct'],
      ['records', 6, 'nitrogenT'],
      ['records', 8, 'externalId'],
      ['records', 9, 'crop'],
      ['records', 10, 'sownAreaHa'],
    ]);
    const rejected = errors![0]!.extensions!.rejected as { index: number; message: string }[];
    expect(rejected.find((r) => r.index === 9)!.message).toBe('records.9.crop: district 110112, year 2034, crop WHEAT is also row 7; give each once per batch');
    expect(errors![0]!.message).toMatch(/^9 of 11 rows rejected, nothing was written: records\.0\.compoundT: /);
    expect(await counts()).toEqual(before);
  });

  it('rejects, with a row error and not a database error, a new externalId for a district, year and crop already recorded, and a changed key', async () => {
    const before = await counts();
    const held = demo.fertilizerUse[0]!;
    const moved = demo.fertilizerUse[1]!;
    const newCrop = (['WHEAT', 'MAIZE', 'RICE', 'VEGETABLES', 'FRUIT_TREES', 'OTHER'] as const).find(
      (c) => !demo.fertilizerUse.some((r) => r.districtCode === moved.districtCode && r.year === moved.year && r.crop === c),
    )!;
    const { data, errors } = await submitFertilizer([
      fertilizer('fk-0', { year: 2037 }),
      fertilizer('fk-1', { districtCode: held.districtCode, year: held.year, crop: held.crop }),
      fertilizer(moved.externalId, { districtCode: moved.districtCode, year: moved.year, crop: newCrop }),
      fertilizer(moved.externalId.replace('FU', 'FX'), { districtCode: moved.districtCode, year: 2038 }),
    ]);
    expect(data).toBeNull();
    expect(errors?.[0]?.extensions?.code).toBe(BAD_USER_INPUT);
    expect(errors?.[0]?.extensions?.rejected).toEqual([
      {
        index: 1,
        argumentPath: ['records', 1, 'crop'],
        message: `records.1.crop: district ${held.districtCode}, year ${held.year}, crop ${held.crop} is already recorded as ${held.id} under externalId ${JSON.stringify(held.externalId)}; resubmit that externalId to change it`,
      },
      {
        index: 2,
        argumentPath: ['records', 2, 'crop'],
        message: expect.stringMatching(new RegExp(`^records\\.2\\.crop: externalId "${moved.externalId}" is ${moved.id}, for district ${moved.districtCode}, year ${moved.year}, crop ${moved.crop}; its district, year and crop cannot change`)),
      },
    ]);
    expect(errors![0]!.message).toMatch(/^2 of 4 rows rejected, nothing was written/);
    expect(await counts()).toEqual(before);
    // The held record is as the demo seeded it.
    const { data: after } = await harness.query(`query($id: ID!) { fertilizerUseRecord(id: $id) { externalId nitrogenT } }`, { id: held.id });
    expect(after!.fertilizerUseRecord).toEqual({ externalId: held.externalId, nitrogenT: held.nitrogenT });
  });

  it.each([
    ['an empty batch', 0],
    ['5,001 rows', 5001],
  ])('rejects %s', async (_, size) => {
    const before = await counts();
    const { errors } = await submitFertilizer(Array.from({ length: size }, (_, i) => fertilizer(`size-${i}`, { year: 1990 + (i % 25) })));
    expect(errors?.[0]?.extensions).toMatchObject({ code: BAD_USER_INPUT, argumentPath: ['records'] });
    expect(errors![0]!.message).toMatch(/a batch holds 1 to 5000 rows/);
    expect(await counts()).toEqual(before);
  });

  it('refuses an unknown crop before anything runs', async () => {
    const before = await counts();
    const { errors } = await submitFertilizer([fertilizer('c-1', { crop: 'BANANA' })]);
    expect(errors?.[0]?.extensions?.code).toBe(BAD_USER_INPUT);
    expect(errors![0]!.message).toMatch(/BANANA/);
    expect(await counts()).toEqual(before);
  });

  it('accepts 5,000 rows in one batch', async () => {
    const before = await counts();
    const crops = ['WHEAT', 'MAIZE', 'RICE', 'VEGETABLES', 'FRUIT_TREES', 'OTHER'];
    const districts = [...new Set(planning.districts.map((d) => d.code))].sort();
    // Years 2040-2100: no other test and no demo row uses them.
    const keys = districts.flatMap((districtCode) => crops.flatMap((crop) => Array.from({ length: 61 }, (_, y) => ({ districtCode, crop, year: 2040 + y }))));
    expect(keys.length).toBeGreaterThanOrEqual(5000);
    const batch = keys.slice(0, 5000).map((k, i) => fertilizer(`bulk-${i}`, { ...k, nitrogenT: 100 + (i % 50) }));
    const { data, errors } = await submitFertilizer(batch);
    expect(errors).toBeUndefined();
    expect(data!.submitFertilizerUse.created).toBe(5000);
    expect(await counts()).toEqual({ ...before, fertilizer: before.fertilizer + 5000, audit: before.audit + 5000 });
  }, 60_000);

  it('two writers upserting the same externalIds at once end with one row each and no error', async () => {
    const before = await counts();
    const batch = Array.from({ length: 50 }, (_, i) => fertilizer(`race-${i}`, { year: 1990 + (i % 25), crop: i < 25 ? 'OTHER' : 'RICE' }));
    const other = batch.map((r) => ({ ...r, potashT: 300 }));
    const [a, b] = await Promise.all([submitFertilizer(batch), submitFertilizer(other)]);
    expect(a.errors).toBeUndefined();
    expect(b.errors).toBeUndefined();
    const outcomes = [a, b].map((r) => r.data!.submitFertilizerUse);
    expect(outcomes.map((o) => [o.created, o.updated]).sort()).toEqual([
      [0, 50],
      [50, 0],
    ]);
    expect((await counts()).fertilizer).toBe(before.fertilizer + 50);
    expect((await verifyAuditChain(harness.db, AUDIT_LOGS.agriculture)).problems).toEqual([]);
  });

  it('two writers sending different externalIds for the same districts, years and crops at once: one wins, the other gets row errors', async () => {
    const before = await counts();
    const keys = Array.from({ length: 20 }, (_, i) => ({ districtCode: '110114', year: 1990 + i, crop: 'OTHER' }));
    const [a, b] = await Promise.all([submitFertilizer(keys.map((k, i) => fertilizer(`left-${i}`, k))), submitFertilizer(keys.map((k, i) => fertilizer(`right-${i}`, k)))]);
    const [won, lost] = a.errors === undefined ? [a, b] : [b, a];
    expect(won.errors).toBeUndefined();
    expect(won.data!.submitFertilizerUse.created).toBe(20);
    expect(lost.data).toBeNull();
    expect(lost.errors?.[0]?.extensions?.code).toBe(BAD_USER_INPUT);
    expect(rejectedPaths(lost.errors)).toEqual(keys.map((_, i) => ['records', i, 'crop']));
    expect(await counts()).toEqual({ ...before, fertilizer: before.fertilizer + 20, audit: before.audit + 20 });
  });
});

function pesticide(externalId: string, overrides: Record<string, unknown> = {}) {
  return {
    externalId,
    districtCode: '110113',
    year: 2031,
    crop: 'MAIZE',
    activeIngredientT: 12.34,
    environmentFriendlySharePct: 88.5,
    utilisationRatePct: 46.1,
    ...overrides,
  };
}

describe('submitPesticideUse', () => {
  it('creates, then re-submitting changes nothing, then a changed row is updated, audited', async () => {
    const before = await counts();
    const batch = [pesticide('pu-1'), pesticide('pu-2', { crop: 'VEGETABLES', utilisationRatePct: null })];
    const first = await submitPesticide(batch);
    expect(first.errors).toBeUndefined();
    expect(first.data!.submitPesticideUse.rows).toEqual([
      { index: 0, externalId: 'pu-1', id: 'PU-110113-2031-MAIZE', outcome: 'CREATED' },
      { index: 1, externalId: 'pu-2', id: 'PU-110113-2031-VEGETABLES', outcome: 'CREATED' },
    ]);
    expect((await submitPesticide(batch)).data!.submitPesticideUse).toMatchObject({ created: 0, updated: 0, unchanged: 2 });
    const third = await submitPesticide([batch[0], { ...batch[1], environmentFriendlySharePct: 100 }]);
    expect(third.data!.submitPesticideUse).toMatchObject({ created: 0, updated: 1, unchanged: 1 });
    const { data } = await harness.query(`{ pesticideUseRecord(id: "PU-110113-2031-VEGETABLES") { externalId activeIngredientT environmentFriendlySharePct utilisationRatePct } }`);
    expect(data!.pesticideUseRecord).toEqual({ externalId: 'pu-2', activeIngredientT: 12.34, environmentFriendlySharePct: 100, utilisationRatePct: null });
    expect(await counts()).toEqual({ ...before, pesticide: before.pesticide + 2, audit: before.audit + 3 });
    expect((await verifyAuditChain(harness.db, AUDIT_LOGS.agriculture)).problems).toEqual([]);
  });

  it('rejects bad rows and a district, year and crop already recorded, every one listed, writing nothing', async () => {
    const before = await counts();
    const held = demo.pesticideUse[5]!;
    const { data, errors } = await submitPesticide([
      pesticide('pbad-0', { environmentFriendlySharePct: 101 }),
      pesticide('pbad-1', { activeIngredientT: -1 }),
      pesticide('pok-2', { year: 2032 }),
      pesticide('pbad-3', { districtCode: held.districtCode, year: held.year, crop: held.crop }),
      pesticide('pbad-4', { year: 2101 }),
      pesticide('pbad-5', { year: 2033, utilisationRatePct: -0.1 }),
    ]);
    expect(data).toBeNull();
    expect(rejectedPaths(errors)).toEqual([
      ['records', 0, 'environmentFriendlySharePct'],
      ['records', 1, 'activeIngredientT'],
      ['records', 4, 'year'],
      ['records', 5, 'utilisationRatePct'],
    ]);
    // The key clash needs the database: it is found once the batch is otherwise valid.
    const clash = await submitPesticide([pesticide('pok-2', { year: 2032 }), pesticide('pbad-3', { districtCode: held.districtCode, year: held.year, crop: held.crop })]);
    expect(clash.errors?.[0]?.extensions?.rejected).toEqual([
      { index: 1, argumentPath: ['records', 1, 'crop'], message: expect.stringContaining(`is already recorded as ${held.id} under externalId ${JSON.stringify(held.externalId)}`) },
    ]);
    expect(await counts()).toEqual(before);
  });

  it('rejects an empty batch', async () => {
    const { errors } = await submitPesticide([]);
    expect(errors![0]!.message).toMatch(/a batch holds 1 to 5000 rows/);
  });
});

const sha10 = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 10).toUpperCase();

function decision(externalId: string, parcel: { id: string; districtCode: string }, overrides: Record<string, unknown> = {}) {
  return {
    externalId,
    parcelId: parcel.id,
    districtCode: parcel.districtCode,
    farmlandClass: 'SAFE_UTILISATION',
    decidedOn: '2025-03-18',
    basis: ODD_TEXT,
    decisionDocument: 'Beijing Municipal Bureau of Agriculture decision 2025 No. 7 (synthetic)',
    ...overrides,
  };
}

/** Farmland parcels (GB/T 21010 01, 02) agriculture has not decided on, in id order. */
const undecidedFarmland = () =>
  planning.parcels
    .filter((p) => (p.landUse.startsWith('01') || p.landUse.startsWith('02')) && !demo.decisions.some((d) => d.parcelId === p.id))
    .sort((a, b) => (a.id < b.id ? -1 : 1));

describe('submitFarmlandClassDecisions', () => {
  it('creates decisions with hashed ids, re-submitting changes nothing, a change updates; the new decision becomes the parcel official class', async () => {
    const before = await counts();
    const fresh = undecidedFarmland()[0]!;
    const decided = demo.decisions[0]!;
    const decidedParcel = { id: decided.parcelId, districtCode: decided.districtCode };
    const batch = [decision('fcd-1', fresh), decision('fcd-2', decidedParcel, { farmlandClass: 'STRICT_CONTROL', decisionDocument: null })];
    const first = await submitDecisions(batch);
    expect(first.errors).toBeUndefined();
    expect(first.data!.submitFarmlandClassDecisions.rows).toEqual([
      { index: 0, externalId: 'fcd-1', id: `FCD-${fresh.id}-${sha10('fcd-1')}`, outcome: 'CREATED' },
      { index: 1, externalId: 'fcd-2', id: `FCD-${decided.parcelId}-${sha10('fcd-2')}`, outcome: 'CREATED' },
    ]);
    expect((await submitDecisions(batch)).data!.submitFarmlandClassDecisions).toMatchObject({ created: 0, updated: 0, unchanged: 2 });
    const third = await submitDecisions([{ ...batch[0], basis: 'Re-surveyed (synthetic)' }, batch[1]]);
    expect(third.data!.submitFarmlandClassDecisions).toMatchObject({ created: 0, updated: 1, unchanged: 1 });
    expect(await counts()).toEqual({ ...before, decisions: before.decisions + 2, audit: before.audit + 3 });

    const newId = first.data!.submitFarmlandClassDecisions.rows[1].id;
    const { data } = await harness.query(`query($id: ID!) { farmlandClassDecision(id: $id) { externalId parcel { id } farmlandClass decidedOn basis decisionDocument } }`, { id: newId });
    expect(data!.farmlandClassDecision).toEqual({ externalId: 'fcd-2', parcel: { id: decided.parcelId }, farmlandClass: 'STRICT_CONTROL', decidedOn: '2025-03-18', basis: ODD_TEXT, decisionDocument: null });
    // Decided after every demo decision (2018-2023), it is the parcel's official class now.
    const history = demo.decisions.filter((d) => d.parcelId === decided.parcelId);
    const parcel = await entities(harness, '... on Parcel { id officialFarmlandClass { id farmlandClass } farmlandClassHistory { id } }', [{ __typename: 'Parcel', id: decided.parcelId }]);
    expect(parcel.data!._entities[0].officialFarmlandClass).toEqual({ id: newId, farmlandClass: 'STRICT_CONTROL' });
    expect(parcel.data!._entities[0].farmlandClassHistory).toHaveLength(history.length + 1);
    expect((await verifyAuditChain(harness.db, AUDIT_LOGS.agriculture)).problems).toEqual([]);
  });

  it('rejects a batch with bad rows whole, lists every bad row with its path, and writes nothing', async () => {
    const before = await counts();
    const parcel = undecidedFarmland()[1]!;
    const { data, errors } = await submitDecisions([
      decision('dbad-0', parcel, { decidedOn: '1989-12-31' }),
      decision('dbad-1', parcel, { basis: '' }),
      decision('dok-2', parcel),
      decision('dbad-3', parcel, { basis: TEN_MB }),
      decision('dbad-4', parcel, { decisionDocument: 'd'.repeat(501) }),
      decision('dbad-5', parcel, { districtCode: '110000' }),
      decision('dbad-6', { id: 'p'.repeat(65), districtCode: parcel.districtCode }),
      decision('dok-2', parcel, { farmlandClass: 'STRICT_CONTROL' }),
    ]);
    expect(data).toBeNull();
    expect(rejectedPaths(errors)).toEqual([
      ['decisions', 0, 'decidedOn'],
      ['decisions', 1, 'basis'],
      ['decisions', 3, 'basis'],
      ['decisions', 4, 'decisionDocument'],
      ['decisions', 5, 'districtCode'],
      ['decisions', 6, 'parcelId'],
      ['decisions', 7, 'externalId'],
    ]);
    expect(await counts()).toEqual(before);
  });

  it('rejects a decision on a parcel planning does not have (planning is asked) and writes nothing', async () => {
    const before = await counts();
    const { data, errors } = await submitDecisions([decision('dn-0', undecidedFarmland()[3]!), decision('dn-1', { id: '110112-P9999', districtCode: '110112' })]);
    expect(data).toBeNull();
    expect(errors?.[0]?.extensions?.rejected).toEqual([
      { index: 1, argumentPath: ['decisions', 1, 'parcelId'], message: 'decisions.1.parcelId: planning has no Parcel "110112-P9999"' },
    ]);
    expect(await counts()).toEqual(before);
  });

  it('refuses moving a decision to another parcel (its id names the parcel), and an unknown class', async () => {
    const before = await counts();
    const seeded = demo.decisions[3]!;
    const other = undecidedFarmland()[2]!;
    const { id: _, ...seededRow } = seeded;
    const { errors } = await submitDecisions([{ ...seededRow, parcelId: other.id }]);
    expect(errors?.[0]?.extensions?.rejected).toEqual([
      { index: 0, argumentPath: ['decisions', 0, 'parcelId'], message: expect.stringContaining(`is ${seeded.id}, for parcel ${JSON.stringify(seeded.parcelId)}; its parcel cannot change`) },
    ]);
    const unknown = await submitDecisions([decision('dx', other, { farmlandClass: 'POLLUTED' })]);
    expect(unknown.errors?.[0]?.extensions?.code).toBe(BAD_USER_INPUT);
    expect(await counts()).toEqual(before);
  });
});

function safeUse(externalId: string, parcel: { id: string; districtCode: string }, year: number, overrides: Record<string, unknown> = {}) {
  return { externalId, parcelId: parcel.id, districtCode: parcel.districtCode, year, measures: ['SOIL_CONDITIONING', 'LOW_ACCUMULATION_VARIETY'], cropsCompliant: true, ...overrides };
}

describe('submitSafeUtilisationRecords', () => {
  /** Parcels whose latest demo decision (2023 at the latest) is safe utilisation or strict control: contaminated in 2025. */
  const contaminated = () =>
    [...latestDecisions(demo.decisions).values()]
      .filter((d) => d.farmlandClass !== 'PRIORITY_PROTECTION')
      .map((d) => ({ id: d.parcelId, districtCode: d.districtCode }))
      .sort((a, b) => (a.id < b.id ? -1 : 1));
  const clean = () => [...latestDecisions(demo.decisions).values()].filter((d) => d.farmlandClass === 'PRIORITY_PROTECTION').sort((a, b) => (a.id < b.id ? -1 : 1));

  it('creates records (measures stored in enum order, empty allowed), re-submitting in another order changes nothing, a change updates', async () => {
    const before = await counts();
    const [p, q] = contaminated();
    const batch = [safeUse('su-1', p!, 2025), safeUse('su-2', q!, 2025, { measures: [], cropsCompliant: false })];
    const first = await submitSafeUse(batch);
    expect(first.errors).toBeUndefined();
    expect(first.data!.submitSafeUtilisationRecords.rows).toEqual([
      { index: 0, externalId: 'su-1', id: `SU-${p!.id}-2025`, outcome: 'CREATED' },
      { index: 1, externalId: 'su-2', id: `SU-${q!.id}-2025`, outcome: 'CREATED' },
    ]);
    const reordered = [{ ...batch[0], measures: ['LOW_ACCUMULATION_VARIETY', 'SOIL_CONDITIONING'] }, batch[1]];
    expect((await submitSafeUse(reordered)).data!.submitSafeUtilisationRecords).toMatchObject({ created: 0, updated: 0, unchanged: 2 });
    const third = await submitSafeUse([batch[0], { ...batch[1], measures: ['FALLOW'], cropsCompliant: true }]);
    expect(third.data!.submitSafeUtilisationRecords).toMatchObject({ created: 0, updated: 1, unchanged: 1 });
    expect(await counts()).toEqual({ ...before, safeUse: before.safeUse + 2, audit: before.audit + 3 });

    const { data } = await entities(harness, '... on Parcel { id safeUtilisation { year measures cropsCompliant } }', [
      { __typename: 'Parcel', id: p!.id },
      { __typename: 'Parcel', id: q!.id },
    ]);
    expect(data!._entities[0].safeUtilisation.at(-1)).toEqual({ year: 2025, measures: ['LOW_ACCUMULATION_VARIETY', 'SOIL_CONDITIONING'], cropsCompliant: true });
    expect(data!._entities[1].safeUtilisation.at(-1)).toEqual({ year: 2025, measures: ['FALLOW'], cropsCompliant: true });
    expect(data!._entities[0].safeUtilisation).toHaveLength(demo.safeUtilisation.filter((r) => r.parcelId === p!.id).length + 1);
    expect((await verifyAuditChain(harness.db, AUDIT_LOGS.agriculture)).problems).toEqual([]);
  });

  it('rejects bad rows whole, with paths, writing nothing', async () => {
    const before = await counts();
    const [, , p] = contaminated();
    const { data, errors } = await submitSafeUse([
      safeUse('sbad-0', p!, 2026, { measures: ['FALLOW', 'FALLOW'] }),
      safeUse('sbad-1', p!, 1989),
      safeUse('sok-2', p!, 2026),
      safeUse('sbad-3', p!, 2026),
      safeUse('sbad-4', { ...p!, districtCode: 'Haidian' }, 2027),
      safeUse(TEN_MB, p!, 2028),
    ]);
    expect(data).toBeNull();
    expect(rejectedPaths(errors)).toEqual([
      ['records', 0, 'measures', 1],
      ['records', 1, 'year'],
      ['records', 3, 'year'],
      ['records', 4, 'districtCode'],
      ['records', 5, 'externalId'],
    ]);
    expect(await counts()).toEqual(before);
  });

  it('rejects a parcel not under safe utilisation or strict control that year, a parcel and year already recorded, and a changed year', async () => {
    const before = await counts();
    const [, , , p] = contaminated();
    // Not the parcel the decision tests above gave a newer decision.
    const cleanParcel = clean().find((d) => d.parcelId !== demo.decisions[0]!.parcelId)!;
    const undecided = undecidedFarmland()[3]!;
    // A demo record whose parcel is still contaminated in 2025, so only its year is at fault.
    const pending = new Set(contaminated().map((c) => c.id));
    const seeded = demo.safeUtilisation.find((r) => pending.has(r.parcelId) && r.parcelId !== p!.id)!;
    const seededParcel = { id: seeded.parcelId, districtCode: seeded.districtCode };
    const { errors } = await submitSafeUse([
      safeUse('sr-0', p!, 2025),
      safeUse('sr-1', { id: cleanParcel.parcelId, districtCode: cleanParcel.districtCode }, 2025),
      safeUse('sr-2', undecided, 2025),
      safeUse('sr-3', seededParcel, seeded.year, { measures: seeded.measures }),
      safeUse(seeded.externalId, seededParcel, 2025),
    ]);
    expect(errors?.[0]?.extensions?.rejected).toEqual([
      {
        index: 1,
        argumentPath: ['records', 1, 'parcelId'],
        message: `records.1.parcelId: parcel ${JSON.stringify(cleanParcel.parcelId)} was PRIORITY_PROTECTION (${cleanParcel.id}, decided ${cleanParcel.decidedOn}) at the end of 2025; a safe-utilisation record needs a SAFE_UTILISATION or STRICT_CONTROL decision in force (submit the decision first)`,
      },
      { index: 2, argumentPath: ['records', 2, 'parcelId'], message: expect.stringContaining(`parcel ${JSON.stringify(undecided.id)} has no farmland class decision on or before the end of 2025`) },
      { index: 3, argumentPath: ['records', 3, 'year'], message: expect.stringContaining(`is already recorded as ${seeded.id} under externalId ${JSON.stringify(seeded.externalId)}`) },
      { index: 4, argumentPath: ['records', 4, 'year'], message: expect.stringContaining(`is ${seeded.id}, for parcel ${JSON.stringify(seeded.parcelId)}, year ${seeded.year}; its parcel and year cannot change`) },
    ]);
    expect(await counts()).toEqual(before);
  });

  it('accepts a record once the parcel has been decided contaminated', async () => {
    const before = await counts();
    const parcel = undecidedFarmland()[4]!;
    const early = await submitSafeUse([safeUse('late-1', parcel, 2026)]);
    expect(rejectedPaths(early.errors)).toEqual([['records', 0, 'parcelId']]);
    // Decided in 2026: in force at the end of 2026, not at the end of 2025.
    expect((await submitDecisions([decision('decide-late-1', parcel, { decidedOn: '2026-05-01', farmlandClass: 'STRICT_CONTROL' })])).errors).toBeUndefined();
    expect(rejectedPaths((await submitSafeUse([safeUse('late-0', parcel, 2025)])).errors)).toEqual([['records', 0, 'parcelId']]);
    const late = await submitSafeUse([safeUse('late-1', parcel, 2026, { measures: ['PLANTING_STRUCTURE_ADJUSTMENT'] })]);
    expect(late.errors).toBeUndefined();
    expect(late.data!.submitSafeUtilisationRecords.rows).toEqual([{ index: 0, externalId: 'late-1', id: `SU-${parcel.id}-2026`, outcome: 'CREATED' }]);
    expect(await counts()).toEqual({ ...before, decisions: before.decisions + 1, safeUse: before.safeUse + 1, audit: before.audit + 2 });
  });
});
