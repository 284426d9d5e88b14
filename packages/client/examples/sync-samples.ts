/**
 * Example integration: keeps a CSV change log of one district's soil samples. Each run appends the
 * samples written (created, or changed by a submission or import) since the last run, each with
 * its `updatedAt`; a sample submitted again with changed values appears again with its new time.
 *
 *   SOILGRAPH_URL=http://localhost:4000/graphql SOILGRAPH_TOKEN=$(pnpm -s token environment read) \
 *     pnpm exec tsx packages/client/examples/sync-samples.ts --district 110112 --csv samples.csv
 *
 * The CSV has one line per measurement (a sample without measurements has one line with those
 * columns empty): the sample's public id and updatedAt, then the columns of `pnpm run import
 * environment soil-samples`. A sample's current state is its lines with the latest updatedAt (a
 * change replaces its measurements). Beside it, `<csv>.state.json` holds the incremental state.
 *
 * How a run finds the changes (docs/integrators.md, "Incremental sync"). It lists the district's
 * samples oldest change first (`orderBy: UPDATED_AT_ASC`: updatedAt, then id) with keyset cursors,
 * from `updatedSince` = the state's high-water mark (the newest updatedAt written) minus an
 * overlap. The overlap is there because a write can become visible after a later-dated one: a
 * reader can pass a time before a write dated earlier has committed. So a run reads the overlap
 * again and drops each sample it has already written with the same id and updatedAt (the state
 * keeps those of the overlap). After every page it appends the page, then saves the state with
 * the CSV's length: an interrupted run is redone from its last saved page by the next run, which
 * first cuts away any line written after it.
 */
import { appendFileSync, existsSync, readFileSync, renameSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { stringify } from 'csv-stringify/sync';
import { DistrictSoilSampleChangesDocument, type DistrictSoilSampleChangesQuery, type SoilSampleRecordFragment } from '../src/generated/graphql.ts';
import { request } from '../src/request.ts';

/**
 * How far before the high-water mark each run reads again. SoilGraph dates a change when it holds
 * environment's write lock, so its own writes commit in updatedAt order; the overlap covers what
 * can still come late: a write dated at its transaction's start (SQL by hand), a step back of the
 * database's clock. Five minutes is ten times the longest statement (DB_STATEMENT_TIMEOUT_MS, 30 s).
 */
export const DEFAULT_OVERLAP_MS = 5 * 60_000;

/** What a run remembers for the next one. */
export interface SyncState {
  districtCode: string;
  /** The newest updatedAt written (the high-water mark); null before the first run. */
  mark: string | null;
  /** Samples written with an updatedAt within the overlap before the mark (id to updatedAt): read again, they are dropped. */
  written: Record<string, string>;
  /** The CSV's length in bytes when the state was saved: lines past it were never committed. */
  csvBytes: number;
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
  /** How far before the high-water mark a run reads again, in milliseconds; default DEFAULT_OVERLAP_MS. */
  overlapMs?: number;
  /** Stop after this many pages, leaving the rest to the next run (for trying out an interruption). */
  maxPages?: number;
}

export interface SyncResult {
  /** Samples appended by this run. */
  samples: number;
  /** CSV lines appended by this run (one per measurement). */
  lines: number;
  /** Samples read again in the overlap and dropped: already written with the same updatedAt. */
  dropped: number;
  pages: number;
  /** False when maxPages stopped the run before the last page. */
  complete: boolean;
  state: SyncState;
}

export const CSV_COLUMNS = [
  'id', 'updatedAt', 'externalId', 'pointId', 'parcelId', 'districtCode', 'sampledOn', 'depthTopCm', 'depthBottomCm', 'pH', 'pHMethod', 'lab', 'lon', 'lat',
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
  const sample: Cell[] = [s.id, s.updatedAt, s.externalId, s.point?.id, s.parcel?.id, s.district.code, s.sampledOn, s.depthTopCm, s.depthBottomCm, s.pH, s.pHMethod, s.lab, lon, lat];
  if (s.measurements.length === 0) return [csvRecord([...sample, ...Array<Cell>(7).fill(null)])];
  return s.measurements.map((m) =>
    csvRecord([...sample, m.analyte, m.mgPerKg, m.belowDetectionLimit, m.detectionLimitMgPerKg, m.method, m.analysedOn, m.qualityFlag]),
  );
}

function readState(stateFile: string, districtCode: string): SyncState {
  if (!existsSync(stateFile)) return { districtCode, mark: null, written: {}, csvBytes: 0 };
  const state = JSON.parse(readFileSync(stateFile, 'utf8')) as SyncState;
  if (state.districtCode !== districtCode) throw new Error(`${stateFile} keeps district ${state.districtCode}, not ${districtCode}: use a state file per district`);
  // The example once kept a mark by sampling date, for a CSV without updatedAt: that copy cannot be continued.
  if (typeof state.written !== 'object' || state.written === null) throw new Error(`${stateFile} is not a change-log state (no written samples): start a new CSV`);
  return state;
}

/** Writes the state atomically (a new file, then a rename), so that a crash leaves the old or the new one. */
function saveState(stateFile: string, state: SyncState): void {
  writeFileSync(`${stateFile}.tmp`, `${JSON.stringify(state, null, 2)}\n`);
  renameSync(`${stateFile}.tmp`, stateFile);
}

const size = (file: string): number => (existsSync(file) ? statSync(file).size : 0);

/** `instant` minus `ms`, as the API writes instants (UTC, milliseconds). */
const minus = (instant: string, ms: number): string => new Date(new Date(instant).getTime() - ms).toISOString();

/** One run: appends the district's samples written since the last run to the CSV. */
export async function syncSamples(options: SyncOptions): Promise<SyncResult> {
  const { url, token, districtCode, csvFile, pageSize = 100, overlapMs = DEFAULT_OVERLAP_MS, maxPages = Infinity } = options;
  const stateFile = options.stateFile ?? `${csvFile}.state.json`;
  const state = readState(stateFile, districtCode);

  // Lines appended after the last saved state were never committed: the run that wrote them is redone.
  if (size(csvFile) > state.csvBytes) truncateSync(csvFile, state.csvBytes);
  if (size(csvFile) === 0) appendFileSync(csvFile, csvRecord(CSV_COLUMNS));
  state.csvBytes = size(csvFile);

  // The first run reads every sample; later ones from the mark less the overlap.
  const updatedSince = state.mark === null ? null : minus(state.mark, overlapMs);
  let after: string | null = null;
  const result: SyncResult = { samples: 0, lines: 0, dropped: 0, pages: 0, complete: false, state };

  for (;;) {
    if (result.pages >= maxPages) return result;
    const data: DistrictSoilSampleChangesQuery = await request(DistrictSoilSampleChangesDocument, { districtCode, updatedSince, first: pageSize, after }, { url, token });
    if (data.district === null) throw new Error(`no district ${districtCode}`);
    const page = data.district.soilSamples;
    const records: string[] = [];
    for (const { node } of page.edges) {
      if (state.written[node.id] === node.updatedAt) {
        result.dropped++;
        continue;
      }
      records.push(...sampleRecords(node));
      result.samples++;
      state.written[node.id] = node.updatedAt;
      // Instants in one format (UTC, milliseconds) compare as text.
      if (state.mark === null || node.updatedAt > state.mark) state.mark = node.updatedAt;
    }
    if (records.length > 0) appendFileSync(csvFile, records.join(''));
    result.lines += records.length;
    result.pages++;
    // The list walks oldest change first, so the pages after this one hold nothing older than the
    // mark but late commits, which the next run's overlap reads again. It keeps only the samples it
    // would read again.
    if (state.mark !== null) {
      const horizon = minus(state.mark, overlapMs);
      state.written = Object.fromEntries(Object.entries(state.written).filter(([, updatedAt]) => updatedAt >= horizon));
    }
    state.csvBytes = size(csvFile);
    saveState(stateFile, state);
    if (!page.pageInfo.hasNextPage || page.pageInfo.endCursor === null) break;
    after = page.pageInfo.endCursor;
  }
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
      'overlap-seconds': { type: 'string', default: String(DEFAULT_OVERLAP_MS / 1000) },
    },
  });
  const token = process.env.SOILGRAPH_TOKEN;
  if (values.district === undefined || values.csv === undefined || token === undefined) {
    console.error('usage: SOILGRAPH_TOKEN=<jwt> [SOILGRAPH_URL=<gateway>] sync-samples --district <code> --csv <file> [--state <file>] [--page-size <n>] [--overlap-seconds <s>]');
    process.exit(2);
  }
  const result = await syncSamples({
    url: process.env.SOILGRAPH_URL ?? 'http://localhost:4000/graphql',
    token,
    districtCode: values.district,
    csvFile: values.csv,
    ...(values.state === undefined ? {} : { stateFile: values.state }),
    pageSize: Number(values['page-size']),
    overlapMs: Number(values['overlap-seconds']) * 1000,
  });
  console.log(
    `${values.csv}: appended ${result.samples} samples (${result.lines} lines) in ${result.pages} pages, dropped ${result.dropped} already written; high-water mark ${result.state.mark ?? 'none'}`,
  );
}
