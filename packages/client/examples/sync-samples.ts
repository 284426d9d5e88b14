/**
 * Example integration: keeps a CSV copy of one district's soil samples, appending on each run only
 * the samples it has not written yet.
 *
 *   SOILGRAPH_URL=http://localhost:4000/graphql SOILGRAPH_TOKEN=$(pnpm -s token environment read) \
 *     pnpm exec tsx packages/client/examples/sync-samples.ts --district 110112 --csv samples.csv
 *
 * The CSV has one line per measurement (a sample without measurements has one line with those
 * columns empty): the sample's public id, then the columns of `pnpm run import environment
 * soil-samples`. Beside it, `<csv>.state.json` holds the incremental state.
 *
 * How "not written yet" is decided. The API has no `updatedAt` on samples and no filter on it: it
 * lists a district's samples newest first by sampling date, then id (both descending), with
 * keyset cursors (`first`/`after`), and filters them by sampling date (`sampled: { from }`). So the
 * state keeps a high-water mark: the newest sampling date written and the ids written with that
 * date. A run asks only for samples sampled on or after that date, pages through them with
 * `after`, and skips the ids it wrote before. Each page is appended, then the state saved with the
 * page's end cursor and the CSV's length: an interrupted run resumes after its last saved page, and
 * cuts away any lines it appended after it. Not seen, for want of an `updatedSince` filter: samples
 * submitted later with a sampling date older than the mark, and samples re-submitted with changed
 * values (docs/integrators.md, "Incremental sync").
 */
import { appendFileSync, existsSync, readFileSync, renameSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { DistrictSoilSamplesDocument, type SoilSampleFilter, type SoilSampleRecordFragment } from '../src/generated/graphql.ts';
import { request } from '../src/request.ts';
import { stringify } from 'csv-stringify/sync';

/** What a run remembers for the next one. */
export interface SyncState {
  districtCode: string;
  /** The sampling date of the newest sample written (the high-water mark); null before the first run. */
  sampledFrom: string | null;
  /** The ids written whose sampling date is `sampledFrom`: the next run asks for that date again and skips them. */
  writtenOnSampledFrom: string[];
  /** The CSV's length in bytes when the state was saved: lines past it were never committed. */
  csvBytes: number;
  /** An unfinished run: the cursor after its last written page, and the newest sample it has seen. */
  run: { after: string; newest: { sampledOn: string; ids: string[] } | null } | null;
}

export interface SyncOptions {
  /** The gateway's GraphQL endpoint. */
  url: string;
  /** Any agency's token reads samples; they are not among the anonymous published figures. */
  token: string;
  districtCode: string;
  csvFile: string;
  /** Default `<csvFile>.state.json`. */
  stateFile?: string;
  /** Samples per request, at most 100 (the gateway's page limit). */
  pageSize?: number;
  /** Stop after this many pages, leaving the run to be resumed (for trying out an interruption). */
  maxPages?: number;
}

export interface SyncResult {
  /** Samples appended by this run. */
  samples: number;
  /** CSV lines appended by this run (one per measurement). */
  lines: number;
  pages: number;
  /** False when maxPages stopped the run before the last page. */
  complete: boolean;
  state: SyncState;
}

export const CSV_COLUMNS = [
  'id', 'externalId', 'pointId', 'parcelId', 'districtCode', 'sampledOn', 'depthTopCm', 'depthBottomCm', 'pH', 'pHMethod', 'lab', 'lon', 'lat',
  'analyte', 'mgPerKg', 'belowDetectionLimit', 'detectionLimitMgPerKg', 'method', 'analysedOn', 'qualityFlag',
] as const;

type Cell = string | number | boolean | null | undefined;

/** One CSV record as RFC 4180 writes it (csv-stringify): CRLF-terminated, quoted where needed, booleans as true/false. */
export function csvRecord(values: readonly Cell[]): string {
  return stringify([values.map((v) => v ?? null)], { record_delimiter: 'windows', cast: { boolean: (v) => String(v) } });
}

/** The CSV records of one sample: one per measurement, or one with empty measurement columns. */
export function sampleRecords(s: SoilSampleRecordFragment): string[] {
  const [lon, lat] = s.location.type === 'Point' ? s.location.coordinates : [];
  const sample: Cell[] = [s.id, s.externalId, s.point?.id, s.parcel?.id, s.district.code, s.sampledOn, s.depthTopCm, s.depthBottomCm, s.pH, s.pHMethod, s.lab, lon, lat];
  if (s.measurements.length === 0) return [csvRecord([...sample, ...Array<Cell>(7).fill(null)])];
  return s.measurements.map((m) =>
    csvRecord([...sample, m.analyte, m.mgPerKg, m.belowDetectionLimit, m.detectionLimitMgPerKg, m.method, m.analysedOn, m.qualityFlag]),
  );
}

function readState(stateFile: string, districtCode: string): SyncState {
  if (!existsSync(stateFile)) return { districtCode, sampledFrom: null, writtenOnSampledFrom: [], csvBytes: 0, run: null };
  const state = JSON.parse(readFileSync(stateFile, 'utf8')) as SyncState;
  if (state.districtCode !== districtCode) throw new Error(`${stateFile} keeps district ${state.districtCode}, not ${districtCode}: use a state file per district`);
  return state;
}

/** Writes the state atomically (a new file, then a rename), so that a crash leaves the old or the new one. */
function saveState(stateFile: string, state: SyncState): void {
  writeFileSync(`${stateFile}.tmp`, `${JSON.stringify(state, null, 2)}\n`);
  renameSync(`${stateFile}.tmp`, stateFile);
}

const size = (file: string): number => (existsSync(file) ? statSync(file).size : 0);

/** One run: appends the district's samples not written yet to the CSV. */
export async function syncSamples(options: SyncOptions): Promise<SyncResult> {
  const { url, token, districtCode, csvFile, pageSize = 100, maxPages = Infinity } = options;
  const stateFile = options.stateFile ?? `${csvFile}.state.json`;
  const state = readState(stateFile, districtCode);

  // Lines appended after the last saved state were never committed: the run that wrote them is redone.
  if (size(csvFile) > state.csvBytes) truncateSync(csvFile, state.csvBytes);
  if (size(csvFile) === 0) appendFileSync(csvFile, csvRecord(CSV_COLUMNS));
  state.csvBytes = size(csvFile);

  const filter: SoilSampleFilter | undefined = state.sampledFrom === null ? undefined : { sampled: { from: state.sampledFrom } };
  const writtenBefore = new Set(state.sampledFrom === null ? [] : state.writtenOnSampledFrom);
  let after = state.run?.after ?? null;
  let newest = state.run?.newest ?? null;
  const result: SyncResult = { samples: 0, lines: 0, pages: 0, complete: false, state };

  for (;;) {
    if (result.pages >= maxPages) return result;
    const data = await request(DistrictSoilSamplesDocument, { districtCode, first: pageSize, after, filter }, { url, token });
    if (data.district === null) throw new Error(`no district ${districtCode}`);
    const page = data.district.soilSamples;
    const records: string[] = [];
    for (const { node } of page.edges) {
      if (newest === null || node.sampledOn > newest.sampledOn) newest = { sampledOn: node.sampledOn, ids: [node.id] };
      else if (node.sampledOn === newest.sampledOn) newest.ids.push(node.id);
      if (node.sampledOn === state.sampledFrom && writtenBefore.has(node.id)) continue;
      records.push(...sampleRecords(node));
      result.samples++;
    }
    if (records.length > 0) appendFileSync(csvFile, records.join(''));
    result.lines += records.length;
    result.pages++;
    state.csvBytes = size(csvFile);
    if (!page.pageInfo.hasNextPage || page.pageInfo.endCursor === null) break;
    after = page.pageInfo.endCursor;
    state.run = { after, newest };
    saveState(stateFile, state);
  }

  // The run is complete: move the high-water mark to the newest sample seen.
  if (newest !== null) {
    if (newest.sampledOn === state.sampledFrom) state.writtenOnSampledFrom = [...new Set([...state.writtenOnSampledFrom, ...newest.ids])];
    else if (state.sampledFrom === null || newest.sampledOn > state.sampledFrom) {
      state.sampledFrom = newest.sampledOn;
      state.writtenOnSampledFrom = [...new Set(newest.ids)];
    }
  }
  state.run = null;
  saveState(stateFile, state);
  result.complete = true;
  return result;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { values } = parseArgs({
    options: {
      district: { type: 'string' },
      csv: { type: 'string' },
      state: { type: 'string' },
      'page-size': { type: 'string', default: '100' },
    },
  });
  const token = process.env.SOILGRAPH_TOKEN;
  if (values.district === undefined || values.csv === undefined || token === undefined) {
    console.error('usage: SOILGRAPH_TOKEN=<jwt> [SOILGRAPH_URL=<gateway>] sync-samples --district <code> --csv <file> [--state <file>] [--page-size <n>]');
    process.exit(2);
  }
  const result = await syncSamples({
    url: process.env.SOILGRAPH_URL ?? 'http://localhost:4000/graphql',
    token,
    districtCode: values.district,
    csvFile: values.csv,
    ...(values.state === undefined ? {} : { stateFile: values.state }),
    pageSize: Number(values['page-size']),
  });
  console.log(`${values.csv}: appended ${result.samples} samples (${result.lines} lines) in ${result.pages} pages; high-water mark ${result.state.sampledFrom ?? 'none'}`);
}
