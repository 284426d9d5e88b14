import { appendFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { tokenFor } from '@soilgraph/testkit';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { CSV_COLUMNS, syncSamples } from '../packages/client/examples/sync-samples.ts';
import { DistrictSoilSamplesDocument, request, SoilGraphError } from '../packages/client/src/index.ts';
import { gateway } from './support/gateway.ts';

// Issue 9: the typed client (packages/client) and its example integration, the incremental CSV
// change log of a district's soil samples, against the shared stack. One test re-submits a sample
// of the district with another lab, a value no other test's answer holds, and then its own lab again.

/** A district no other test writes samples to, with more samples than one page of PAGE_SIZE. */
const DISTRICT = '110112';
const PAGE_SIZE = 7;
/** An overlap that reads every sample of the stack again: the runs' dropping is then tested on all of them. */
const OVERLAP_MS = 24 * 3600_000;

let dir: string;
let url: string;
let token: string;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'soilgraph-integrator-'));
  url = inject('gatewayUrl');
  // An integrator's token: any agency's, reading; samples are not among the published figures.
  token = await tokenFor('agriculture', ['agriculture:read']);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** RFC 4180 records (quoted fields, doubled quotes, CRLF), to read what the example wrote. */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') record.push(field), (field = '');
    else if (c === '\r' && text[i + 1] === '\n') record.push(field), records.push(record), (record = []), (field = ''), i++;
    else field += c;
  }
  expect(field, 'the CSV ends with a complete record').toBe('');
  return records;
}

interface ListedSample {
  id: string;
  updatedAt: string;
  externalId: string;
  sampledOn: string;
  depthTopCm: number;
  depthBottomCm: number;
  pH: number | null;
  pHMethod: string | null;
  lab: string;
  location: { type: string; coordinates: number[] };
  point: { id: string } | null;
  parcel: { id: string } | null;
  measurements: { analyte: string; mgPerKg: number | null; belowDetectionLimit: boolean; detectionLimitMgPerKg: number | null; method: string; analysedOn: string | null; qualityFlag: string }[];
}

interface SamplePage {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string };
  edges: { node: ListedSample }[];
}

/** Every sample of the district as the API lists it by change (full pages, with a query of its own), oldest change first. */
async function listedSamples(): Promise<ListedSample[]> {
  const all: ListedSample[] = [];
  let after: string | null = null;
  for (;;) {
    const { data, errors } = await gateway<{ district: { soilSamples: SamplePage } }>(
      `query($after: String) { district(code: "${DISTRICT}") { soilSamples(orderBy: UPDATED_AT_ASC, first: 100, after: $after) {
        totalCount pageInfo { hasNextPage endCursor }
        edges { node { id updatedAt externalId sampledOn depthTopCm depthBottomCm pH pHMethod lab location point { id } parcel { id }
          measurements { analyte mgPerKg belowDetectionLimit detectionLimitMgPerKg method analysedOn qualityFlag } } }
      } } }`,
      { after },
      { as: 'planning' },
    );
    expect(errors).toBeUndefined();
    const page: SamplePage = data!.district.soilSamples;
    all.push(...page.edges.map((e) => e.node));
    if (!page.pageInfo.hasNextPage) {
      expect(all).toHaveLength(page.totalCount);
      return all;
    }
    after = page.pageInfo.endCursor;
  }
}

/** The CSV records a listed sample should have: one per measurement, in the example's columns. */
function expectedRecords(s: ListedSample): string[][] {
  const text = (v: string | number | boolean | null | undefined): string => (v === null || v === undefined ? '' : String(v));
  const sample = [s.id, s.updatedAt, s.externalId, s.point?.id, s.parcel?.id, DISTRICT, s.sampledOn, s.depthTopCm, s.depthBottomCm, s.pH, s.pHMethod, s.lab, s.location.coordinates[0], s.location.coordinates[1]].map(text);
  if (s.measurements.length === 0) return [[...sample, '', '', '', '', '', '', '']];
  return s.measurements.map((m) => [...sample, ...[m.analyte, m.mgPerKg, m.belowDetectionLimit, m.detectionLimitMgPerKg, m.method, m.analysedOn, m.qualityFlag].map(text)]);
}

function csvOf(file: string): { header: string[]; records: string[][] } {
  const [header, ...records] = parseCsv(readFileSync(file, 'utf8'));
  return { header: header!, records };
}

/** A listed sample as environment's system would submit it again, with `changes` (null fields left out). */
function resubmission(s: ListedSample, changes: Partial<Pick<ListedSample, 'lab'>>) {
  const present = <T extends object>(o: T) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== null));
  return present({
    externalId: s.externalId,
    pointId: s.point?.id ?? null,
    parcelId: s.parcel?.id ?? null,
    districtCode: DISTRICT,
    sampledOn: s.sampledOn,
    depthTopCm: s.depthTopCm,
    depthBottomCm: s.depthBottomCm,
    pH: s.pH,
    pHMethod: s.pHMethod,
    lab: changes.lab ?? s.lab,
    location: s.location,
    measurements: s.measurements.map(present),
  });
}

/** Submits samples through the gateway's mutation with an environment token (its write scope included). */
async function resubmit(samples: unknown[]): Promise<string[]> {
  const { data, errors } = await gateway<{ submitSoilSamples: { rows: { outcome: string }[] } }>(
    `mutation($s: [SoilSampleSubmission!]!) { submitSoilSamples(samples: $s) { rows { outcome } } }`,
    { s: samples },
    { as: 'environment' },
  );
  expect(errors).toBeUndefined();
  return data!.submitSoilSamples.rows.map((r) => r.outcome);
}

describe('the typed client', () => {
  it('returns typed data from the gateway', async () => {
    const data = await request(DistrictSoilSamplesDocument, { districtCode: DISTRICT, first: 2 }, { url, token });
    expect(data.district?.name).toBe('Tongzhou');
    expect(data.district?.soilSamples.edges).toHaveLength(2);
    expect(data.district?.soilSamples.edges[0]!.node.measurements.length).toBeGreaterThan(0);
  });

  it('throws a SoilGraphError with the code and the argument path of bad input', async () => {
    const error = await request(DistrictSoilSamplesDocument, { districtCode: DISTRICT, first: 101 }, { url, token }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SoilGraphError);
    const e = error as SoilGraphError;
    expect(e.codes).toEqual(['BAD_USER_INPUT']);
    expect(e.errors[0]!.path).toEqual(['district', 'soilSamples']);
    expect(e.errors[0]!.extensions.argumentPath).toEqual(['first']);
  });

  it('throws UNAUTHENTICATED with HTTP 401 for an anonymous caller asking for samples', async () => {
    const error = (await request(DistrictSoilSamplesDocument, { districtCode: DISTRICT }, { url }).catch((e: unknown) => e)) as SoilGraphError;
    expect(error).toBeInstanceOf(SoilGraphError);
    expect(error.status).toBe(401);
    expect(error.codes).toEqual(['UNAUTHENTICATED']);
  });
});

describe('examples/sync-samples.ts: the incremental CSV change log of a district’s samples', () => {
  it('writes every sample as the API lists it, then appends only what changed: nothing, then a re-submitted sample with its new value and updatedAt', async () => {
    const csvFile = path.join(dir, 'changes.csv');
    const listed = await listedSamples();
    expect(listed.length).toBeGreaterThan(2 * PAGE_SIZE);

    // (a) A first run writes the district's samples, one record per measurement, oldest change first.
    const first = await syncSamples({ url, token, districtCode: DISTRICT, csvFile, pageSize: PAGE_SIZE, overlapMs: OVERLAP_MS });
    expect(first).toMatchObject({ samples: listed.length, dropped: 0, pages: Math.ceil(listed.length / PAGE_SIZE), complete: true });
    const { header, records } = csvOf(csvFile);
    expect(header).toEqual([...CSV_COLUMNS]);
    expect(records).toEqual(listed.flatMap(expectedRecords));
    expect(first.lines).toBe(records.length);
    expect(new Set(records.map((r) => r[0])).size).toBe(listed.length);
    expect(first.state.mark).toBe(listed.at(-1)!.updatedAt);

    // (b) A second run reads them all again (the overlap) and drops them: nothing is appended.
    const before = readFileSync(csvFile);
    const second = await syncSamples({ url, token, districtCode: DISTRICT, csvFile, pageSize: PAGE_SIZE, overlapMs: OVERLAP_MS });
    expect(second).toMatchObject({ samples: 0, lines: 0, dropped: listed.length, complete: true });
    expect(readFileSync(csvFile).equals(before)).toBe(true);

    // (c) One sample re-submitted with another lab: the next run appends exactly that sample, as
    // the API now lists it, with the new lab and a later updatedAt.
    const changed = listed[Math.floor(listed.length / 2)]!;
    expect(await resubmit([resubmission(changed, { lab: `${changed.lab} (re-analysed)` })])).toEqual(['UPDATED']);
    const now = (await listedSamples()).find((s) => s.id === changed.id)!;
    expect(now.lab).toBe(`${changed.lab} (re-analysed)`);
    expect(new Date(now.updatedAt).getTime()).toBeGreaterThan(new Date(changed.updatedAt).getTime());
    const third = await syncSamples({ url, token, districtCode: DISTRICT, csvFile, pageSize: PAGE_SIZE, overlapMs: OVERLAP_MS });
    expect(third).toMatchObject({ samples: 1, dropped: listed.length - 1, complete: true });
    expect(csvOf(csvFile).records).toEqual([...listed.flatMap(expectedRecords), ...expectedRecords(now)]);
    expect(third.state.mark).toBe(now.updatedAt);

    // Its own lab again (the stack's data as before): one more change, appended once more.
    expect(await resubmit([resubmission(changed, {})])).toEqual(['UPDATED']);
    const restored = (await listedSamples()).find((s) => s.id === changed.id)!;
    const fourth = await syncSamples({ url, token, districtCode: DISTRICT, csvFile, pageSize: PAGE_SIZE, overlapMs: OVERLAP_MS });
    expect(fourth).toMatchObject({ samples: 1, complete: true });
    expect(csvOf(csvFile).records.slice(-restored.measurements.length)).toEqual(expectedRecords(restored));
    expect(restored.lab).toBe(changed.lab);
  });

  it('reads again from the high-water mark less the overlap, keeping only the samples of the overlap to drop', async () => {
    const csvFile = path.join(dir, 'overlap.csv');
    const listed = await listedSamples();
    const run = await syncSamples({ url, token, districtCode: DISTRICT, csvFile, pageSize: PAGE_SIZE, overlapMs: 0 });
    expect(run.samples).toBe(listed.length);
    // With no overlap the state keeps only the samples of the mark's own instant.
    const mark = listed.at(-1)!.updatedAt;
    expect(run.state.written).toEqual(Object.fromEntries(listed.filter((s) => s.updatedAt === mark).map((s) => [s.id, s.updatedAt])));
    const again = await syncSamples({ url, token, districtCode: DISTRICT, csvFile, pageSize: PAGE_SIZE, overlapMs: 0 });
    expect(again).toMatchObject({ samples: 0, dropped: Object.keys(run.state.written).length, pages: 1 });
  });

  it('resumes an interrupted run after its last saved page, cutting away lines appended after it', async () => {
    const complete = path.join(dir, 'uninterrupted.csv');
    await syncSamples({ url, token, districtCode: DISTRICT, csvFile: complete, pageSize: PAGE_SIZE, overlapMs: OVERLAP_MS });
    const csvFile = path.join(dir, 'interrupted.csv');
    const stopped = await syncSamples({ url, token, districtCode: DISTRICT, csvFile, pageSize: PAGE_SIZE, overlapMs: OVERLAP_MS, maxPages: 2 });
    expect(stopped).toMatchObject({ samples: 2 * PAGE_SIZE, pages: 2, complete: false });
    // A crash between appending a page and saving the state leaves lines the state does not count.
    appendFileSync(csvFile, 'SS-UNCOMMITTED,half a line');

    const resumed = await syncSamples({ url, token, districtCode: DISTRICT, csvFile, pageSize: PAGE_SIZE, overlapMs: OVERLAP_MS });
    expect(resumed).toMatchObject({ dropped: 2 * PAGE_SIZE, complete: true });
    expect(readFileSync(csvFile, 'utf8')).toBe(readFileSync(complete, 'utf8'));
  });
});
