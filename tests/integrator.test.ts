import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { tokenFor } from '@soilgraph/testkit';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { CSV_COLUMNS, type SyncState, syncSamples } from '../packages/client/examples/sync-samples.ts';
import { DistrictSoilSamplesDocument, request, SoilGraphError } from '../packages/client/src/index.ts';
import { gateway } from './support/gateway.ts';

// Issue 9: the typed client (packages/client) and its example integration, the incremental CSV
// export of a district's soil samples, against the shared stack. Read only: nothing here writes.

/** A district no other test writes samples to, with more samples than one page of PAGE_SIZE. */
const DISTRICT = '110112';
const PAGE_SIZE = 7;

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

/** Every sample of the district as the API lists it (full pages, with a query of its own), newest first. */
async function listedSamples(): Promise<ListedSample[]> {
  const all: ListedSample[] = [];
  let after: string | null = null;
  for (;;) {
    const { data, errors } = await gateway<{ district: { soilSamples: SamplePage } }>(
      `query($after: String) { district(code: "${DISTRICT}") { soilSamples(first: 100, after: $after) {
        totalCount pageInfo { hasNextPage endCursor }
        edges { node { id externalId sampledOn depthTopCm depthBottomCm pH pHMethod lab location point { id } parcel { id }
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
  const sample = [s.id, s.externalId, s.point?.id, s.parcel?.id, DISTRICT, s.sampledOn, s.depthTopCm, s.depthBottomCm, s.pH, s.pHMethod, s.lab, s.location.coordinates[0], s.location.coordinates[1]].map(text);
  if (s.measurements.length === 0) return [[...sample, '', '', '', '', '', '', '']];
  return s.measurements.map((m) => [...sample, ...[m.analyte, m.mgPerKg, m.belowDetectionLimit, m.detectionLimitMgPerKg, m.method, m.analysedOn, m.qualityFlag].map(text)]);
}

function csvOf(file: string): { header: string[]; records: string[][] } {
  const [header, ...records] = parseCsv(readFileSync(file, 'utf8'));
  return { header: header!, records };
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

describe('examples/sync-samples.ts: the incremental CSV export of a district’s samples', () => {
  it('writes every sample the API lists, one record per measurement, in pages; a second run appends nothing', async () => {
    const csvFile = path.join(dir, 'full.csv');
    const listed = await listedSamples();
    expect(listed.length).toBeGreaterThan(2 * PAGE_SIZE);

    const first = await syncSamples({ url, token, districtCode: DISTRICT, csvFile, pageSize: PAGE_SIZE });
    expect(first).toMatchObject({ samples: listed.length, pages: Math.ceil(listed.length / PAGE_SIZE), complete: true });
    const { header, records } = csvOf(csvFile);
    expect(header).toEqual([...CSV_COLUMNS]);
    expect(records).toEqual(listed.flatMap(expectedRecords));
    expect(first.lines).toBe(records.length);
    expect(new Set(records.map((r) => r[0])).size).toBe(listed.length);
    expect(first.state).toMatchObject({ sampledFrom: listed[0]!.sampledOn, run: null });

    const before = readFileSync(csvFile);
    const second = await syncSamples({ url, token, districtCode: DISTRICT, csvFile, pageSize: PAGE_SIZE });
    expect(second).toMatchObject({ samples: 0, lines: 0, complete: true });
    expect(readFileSync(csvFile).equals(before)).toBe(true);
  });

  it('appends only the samples newer than the saved mark, and those of its date it had not written', async () => {
    // The state a run would have left when the newest samples had not been submitted yet: its
    // mark on an earlier sampling date (one with several samples), one sample of that date still missing.
    const listed = await listedSamples();
    const mark = listed.find((s, i) => i > 0 && s.sampledOn === listed[i - 1]!.sampledOn)!.sampledOn;
    const onMark = listed.filter((s) => s.sampledOn === mark);
    expect(onMark.length).toBeGreaterThan(1);
    expect(listed.filter((s) => s.sampledOn > mark).length).toBeGreaterThan(PAGE_SIZE);
    const missing = onMark.at(-1)!;
    const older = listed.filter((s) => s.sampledOn < mark);
    const csvFile = path.join(dir, 'partial.csv');
    const head = `${CSV_COLUMNS.join(',')}\r\n`;
    writeFileSync(csvFile, head);
    const state: SyncState = {
      districtCode: DISTRICT,
      sampledFrom: mark,
      writtenOnSampledFrom: onMark.filter((s) => s !== missing).map((s) => s.id),
      csvBytes: Buffer.byteLength(head),
      run: null,
    };
    writeFileSync(`${csvFile}.state.json`, JSON.stringify(state));

    const run = await syncSamples({ url, token, districtCode: DISTRICT, csvFile, pageSize: PAGE_SIZE });
    const expected = listed.filter((s) => s.sampledOn > mark || s === missing);
    expect(run.samples).toBe(expected.length);
    expect(csvOf(csvFile).records).toEqual(expected.flatMap(expectedRecords));
    expect(csvOf(csvFile).records.some((r) => older.some((s) => s.id === r[0]))).toBe(false);
    expect(run.state).toMatchObject({ sampledFrom: listed[0]!.sampledOn, run: null });
  });

  it('resumes an interrupted run after its last saved page, cutting away lines appended after it', async () => {
    const complete = path.join(dir, 'uninterrupted.csv');
    await syncSamples({ url, token, districtCode: DISTRICT, csvFile: complete, pageSize: PAGE_SIZE });
    const csvFile = path.join(dir, 'interrupted.csv');
    const stopped = await syncSamples({ url, token, districtCode: DISTRICT, csvFile, pageSize: PAGE_SIZE, maxPages: 2 });
    expect(stopped).toMatchObject({ samples: 2 * PAGE_SIZE, pages: 2, complete: false });
    expect(stopped.state.run?.after).toEqual(expect.any(String));
    // A crash between appending a page and saving the state leaves lines the state does not count.
    appendFileSync(csvFile, 'SS-UNCOMMITTED,half a line');

    const resumed = await syncSamples({ url, token, districtCode: DISTRICT, csvFile, pageSize: PAGE_SIZE });
    expect(resumed.complete).toBe(true);
    expect(readFileSync(csvFile, 'utf8')).toBe(readFileSync(complete, 'utf8'));
  });
});
