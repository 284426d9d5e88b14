import { soilSamples } from '@soilgraph/db/environment';
import { createSubgraphHarness, type SubgraphHarness } from '@soilgraph/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { environmentSubgraph } from '../src/server.ts';

// Soil samples by change (issue 9, incremental sync): SoilSample.updatedAt, the updatedSince
// filter and the UPDATED_AT_ASC order with its keyset cursors. The tests of this file build on
// each other: they submit samples in batches, one after the other, and follow the changes.

let harness: SubgraphHarness;
beforeAll(async () => {
  harness = await createSubgraphHarness(environmentSubgraph);
});
afterAll(() => harness.close());

const SUBMIT = `mutation($samples: [SoilSampleSubmission!]!) { submitSoilSamples(samples: $samples) { created updated unchanged rows { id outcome } } }`;
const DISTRICT = '110108';
const PAGE = `totalCount edges { cursor node { id updatedAt } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor }`;

interface Change {
  id: string;
  updatedAt: string;
}
interface ChangeConnection {
  totalCount: number;
  edges: { cursor: string; node: Change }[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
}

function sample(externalId: string, overrides: Record<string, unknown> = {}) {
  return {
    externalId,
    districtCode: DISTRICT,
    sampledOn: '2025-05-12',
    depthTopCm: 0,
    depthBottomCm: 20,
    pH: 7.4,
    pHMethod: 'HJ 962-2018',
    lab: 'Haidian district monitoring station',
    location: { type: 'Point', coordinates: [116.3, 39.99] },
    measurements: [
      { analyte: 'CADMIUM', mgPerKg: 0.21, method: 'GB/T 17141-1997', analysedOn: '2025-05-30' },
      { analyte: 'LEAD', belowDetectionLimit: true, detectionLimitMgPerKg: 0.1, method: 'GB/T 17141-1997' },
    ],
    ...overrides,
  };
}

async function submit(samples: unknown[]): Promise<{ created: number; updated: number; unchanged: number; rows: { id: string; outcome: string }[] }> {
  const { data, errors } = await harness.query(SUBMIT, { samples });
  expect(errors).toBeUndefined();
  return data!.submitSoilSamples;
}

const byCodeUnits = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const oldestChangeFirst = (a: Change, b: Change) => byCodeUnits(a.updatedAt, b.updatedAt) || byCodeUnits(a.id, b.id);

/** Every sample's id and updatedAt as stored, in the order UPDATED_AT_ASC must list them (ISO text sorts as the instants do). */
async function storedChanges(where: (row: { districtCode: string }) => boolean = () => true): Promise<Change[]> {
  const rows = await harness.db.select({ id: soilSamples.id, districtCode: soilSamples.districtCode, updatedAt: soilSamples.updatedAt }).from(soilSamples);
  return rows
    .filter(where)
    .map((r) => ({ id: r.id, updatedAt: r.updatedAt.toISOString() }))
    .sort(oldestChangeFirst);
}

async function updatedAtOf(ids: readonly string[]): Promise<string[]> {
  const { data, errors } = await harness.query(`query($ids: [_Any!]!) { _entities(representations: $ids) { ... on SoilSample { updatedAt } } }`, {
    ids: ids.map((id) => ({ __typename: 'SoilSample', id })),
  });
  expect(errors).toBeUndefined();
  return data!._entities.map((e: { updatedAt: string }) => e.updatedAt);
}

/** Walks a list of changes to its end with first/after, checking pageInfo on the way. */
async function walk(list: (after: string | null) => Promise<ChangeConnection>, pageSize: number, between?: (page: number) => Promise<void>) {
  const changes: Change[] = [];
  let after: string | null = null;
  let pages = 0;
  let totalCount = -1;
  for (;;) {
    const connection = await list(after);
    expect(connection.pageInfo.hasPreviousPage).toBe(after !== null);
    expect(connection.pageInfo.startCursor).toBe(connection.edges[0]?.cursor ?? null);
    expect(connection.pageInfo.endCursor).toBe(connection.edges.at(-1)?.cursor ?? null);
    changes.push(...connection.edges.map((e) => e.node));
    totalCount = connection.totalCount;
    pages++;
    if (!connection.pageInfo.hasNextPage) return { changes, pages, totalCount };
    expect(connection.edges).toHaveLength(pageSize);
    after = connection.pageInfo.endCursor;
    await between?.(pages);
  }
}

/** Query.soilSamples in UPDATED_AT_ASC order, with the given filter. */
const changesPage = (filter: string, first: number) => async (after: string | null) => {
  const { data, errors } = await harness.query(`query($after: String) { soilSamples(orderBy: UPDATED_AT_ASC, filter: { ${filter} }, first: ${first}, after: $after) { ${PAGE} } }`, { after });
  expect(errors).toBeUndefined();
  return data!.soilSamples as ChangeConnection;
};

/** District.soilSamples (the nested list) in UPDATED_AT_ASC order, with the given filter. */
const districtChangesPage = (code: string, filter: string, first: number) => async (after: string | null) => {
  const { data, errors } = await harness.query(
    `query($after: String) { _entities(representations: [{ __typename: "District", code: "${code}" }]) { ... on District { soilSamples(orderBy: UPDATED_AT_ASC, filter: { ${filter} }, first: ${first}, after: $after) { ${PAGE} } } } }`,
    { after },
  );
  expect(errors).toBeUndefined();
  return data!._entities[0].soilSamples as ChangeConnection;
};

const later = (a: string, b: string) => new Date(a).getTime() > new Date(b).getTime();

/** The samples the first test submits (changes-001, -002, -003), and when it did. */
let ids: string[] = [];
let firstWrite = '';

describe('SoilSample.updatedAt', () => {
  it('is the time of the submission that created the sample, in UTC with milliseconds', async () => {
    const [demoNewest] = (await storedChanges()).slice(-1);
    const before = Date.now();
    const written = await submit([sample('changes-001'), sample('changes-002'), sample('changes-003', { pH: null, pHMethod: null })]);
    const after = Date.now();
    expect(written).toMatchObject({ created: 3 });
    ids = written.rows.map((r) => r.id);
    const stamps = await updatedAtOf(ids);
    for (const stamp of stamps) {
      expect(stamp).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
      expect(later(stamp, demoNewest!.updatedAt)).toBe(true);
      // The database's clock and this process's are the same machine's; a little slack for rounding.
      expect(new Date(stamp).getTime()).toBeGreaterThanOrEqual(before - 5);
      expect(new Date(stamp).getTime()).toBeLessThanOrEqual(after + 5);
    }
    // One batch, one statement: one instant for every sample it created.
    expect(new Set(stamps).size).toBe(1);
    firstWrite = stamps[0]!;
  });

  it('stays when a re-submission changes nothing, and moves when it changes a sample or only its measurements', async () => {
    const unchanged = await submit([sample('changes-001'), sample('changes-002'), sample('changes-003', { pH: null, pHMethod: null })]);
    expect(unchanged).toMatchObject({ created: 0, updated: 0, unchanged: 3 });
    expect(await updatedAtOf(ids)).toEqual([firstWrite, firstWrite, firstWrite]);

    // A measurement's value alone (the sample's own columns as they were), and the sample's pH.
    const changed = await submit([
      sample('changes-001', { measurements: [{ analyte: 'CADMIUM', mgPerKg: 0.42, method: 'GB/T 17141-1997', analysedOn: '2025-05-30' }] }),
      sample('changes-002'),
      sample('changes-003', { pH: 6.1, pHMethod: 'HJ 962-2018' }),
    ]);
    expect(changed.rows.map((r) => r.outcome)).toEqual(['UPDATED', 'UNCHANGED', 'UPDATED']);
    const [one, two, three] = await updatedAtOf(ids);
    expect(later(one!, firstWrite)).toBe(true);
    expect(two).toBe(firstWrite);
    expect(three).toBe(one);
  });
});

describe('the UPDATED_AT_ASC order and the updatedSince filter', () => {
  it('lists every sample oldest change first (updatedAt, then id), paging without gaps or repeats', async () => {
    const want = await storedChanges();
    const { changes, pages, totalCount } = await walk(changesPage('', 40), 40);
    expect(changes).toEqual(want);
    expect(totalCount).toBe(want.length);
    expect(pages).toBe(Math.ceil(want.length / 40));
  });

  it('keeps samples of the same instant in ascending id order across page boundaries', async () => {
    // The demo data was seeded in one transaction: hundreds of samples share one updatedAt.
    const want = await storedChanges((r) => r.districtCode === '110101');
    expect(new Set(want.map((c) => c.updatedAt)).size).toBe(1);
    const { changes } = await walk(changesPage('districtCode: "110101"', 1), 1);
    expect(changes).toEqual(want);
  });

  it('lists only the samples written at or after updatedSince, the bound included', async () => {
    const all = await storedChanges();
    const since = all.find((c) => later(c.updatedAt, all[0]!.updatedAt))!.updatedAt;
    const want = all.filter((c) => !later(since, c.updatedAt));
    expect(want.length).toBeGreaterThan(0);
    expect(want.length).toBeLessThan(all.length);
    const { changes, totalCount } = await walk(changesPage(`updatedSince: "${since}"`, 2), 2);
    expect(changes).toEqual(want);
    expect(totalCount).toBe(want.length);
    expect(changes[0]!.updatedAt).toBe(since);

    // The same instant in another offset, and an instant one millisecond later.
    const inBeijing = new Date(new Date(since).getTime() + 8 * 3600_000).toISOString().replace('Z', '+08:00');
    expect((await changesPage(`updatedSince: "${inBeijing}"`, 100)(null)).totalCount).toBe(want.length);
    const justAfter = new Date(new Date(since).getTime() + 1).toISOString();
    expect((await changesPage(`updatedSince: "${justAfter}"`, 100)(null)).totalCount).toBe(want.filter((c) => c.updatedAt !== since).length);
  });

  it("pages a district's nested list by change, narrowed by updatedSince, the default order untouched", async () => {
    const want = await storedChanges((r) => r.districtCode === DISTRICT);
    const { changes, totalCount } = await walk(districtChangesPage(DISTRICT, '', 7), 7);
    expect(changes).toEqual(want);
    expect(totalCount).toBe(want.length);

    const since = want.at(-3)!.updatedAt;
    const recent = await walk(districtChangesPage(DISTRICT, `updatedSince: "${since}"`, 1), 1);
    expect(recent.changes).toEqual(want.filter((c) => !later(since, c.updatedAt)));

    // Without orderBy the list is newest sampled first, as before.
    const { data, errors } = await harness.query(`{ soilSamples(filter: { districtCode: "${DISTRICT}" }, first: 100) { edges { node { id sampledOn } } } }`);
    expect(errors).toBeUndefined();
    const sampledOn = data!.soilSamples.edges.map((e: { node: { sampledOn: string } }) => e.node.sampledOn);
    expect(sampledOn).toEqual([...sampledOn].sort().reverse());
  });

  it('lists a sample changed while a client pages again at the end, with its new updatedAt: a change is never lost', async () => {
    // changes-002 still has the first submission's time, the two others a later one.
    const before = (await storedChanges((r) => r.districtCode === DISTRICT)).filter((c) => !later(firstWrite, c.updatedAt));
    expect(before.map((c) => c.id)).toEqual([ids[1], ...[ids[0]!, ids[2]!].sort(byCodeUnits)]);
    let moved: Change | undefined;
    const { changes } = await walk(changesPage(`districtCode: "${DISTRICT}", updatedSince: "${firstWrite}"`, 1), 1, async (page) => {
      if (page !== 1) return;
      // The sample the first page listed is re-submitted with another value.
      const [row] = (await submit([sample('changes-002', { lab: 'Beijing soil laboratory' })])).rows;
      expect(row).toMatchObject({ id: ids[1], outcome: 'UPDATED' });
      moved = { id: row!.id, updatedAt: (await updatedAtOf([row!.id]))[0]! };
    });
    expect(later(moved!.updatedAt, before.at(-1)!.updatedAt)).toBe(true);
    expect(changes).toEqual([...before, moved]);
  });
});
