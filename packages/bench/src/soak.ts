import path from 'node:path';
import { parseArgs } from 'node:util';
import type { Agency } from '@soilgraph/db';
import autocannon from 'autocannon';
import { z } from 'zod';
import { createBenchDatabase } from './database.ts';
import { type Operation, operationMix } from './operations.ts';
import { operationPattern, repositoryRoot } from './options.ts';
import { parcelCursors } from './run.ts';
import { residentBytes, type ServiceProcess, startFederation } from './services.ts';

/*
 * `pnpm soak`: a bounded soak test (issue 8). A fresh Postgres database at a small demo scale, the
 * five subgraphs and our gateway as processes (as `pnpm bench` starts them), a steady mixed load
 * for a few minutes, each process's resident memory sampled every few seconds. It fails (exit 1)
 * on any error, and on any process whose memory still grows once warmed up: the least-squares
 * slope of its RSS over the second half of the run, in MB per minute, must stay under a threshold.
 *
 * The pure parts (statistics, verdicts, the report) come first; runSoak at the end does the work.
 */

export const SOAK_DEFAULTS = {
  scale: 5,
  durationS: 180,
  connections: 4,
  sampleEveryS: 2,
  /** A process whose RSS grows faster than this over the second half of the run shows a growth trend. */
  maxGrowthMbPerMin: 2,
  out: 'docs/soak.md',
} as const;

// ---------------------------------------------------------------------------------------------
// Options

const soakOptionsSchema = z
  .object({
    scale: z.coerce.number().int().min(1).default(SOAK_DEFAULTS.scale),
    duration: z.coerce.number().int().min(10, '--duration must be at least 10 seconds').default(SOAK_DEFAULTS.durationS),
    connections: z.coerce.number().int().min(1).default(SOAK_DEFAULTS.connections),
    sampleEvery: z.coerce.number().positive().default(SOAK_DEFAULTS.sampleEveryS),
    maxGrowth: z.coerce.number().positive().default(SOAK_DEFAULTS.maxGrowthMbPerMin),
    out: z.string().min(1).default(SOAK_DEFAULTS.out),
    databaseUrl: z.url().default(process.env.BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres'),
    keepDatabase: z.boolean(),
    only: operationPattern.optional(),
  })
  .refine((o) => o.sampleEvery * 6 <= o.duration, { message: '--sample-every must leave at least 6 samples in --duration', path: ['sampleEvery'] })
  .transform(({ duration, sampleEvery, maxGrowth, ...o }) => ({
    ...o,
    durationS: duration,
    sampleEveryS: sampleEvery,
    maxGrowthMbPerMin: maxGrowth,
    out: path.resolve(repositoryRoot, o.out),
  }));

export type SoakOptions = z.output<typeof soakOptionsSchema>;

export const SOAK_USAGE = `pnpm soak [--duration S] [--scale N] [--connections N] [--sample-every S]
          [--max-growth MB] [--out FILE] [--database-url URL] [--keep-database] [--only REGEX]

  --duration S       seconds of steady load (default ${SOAK_DEFAULTS.durationS})
  --scale N          demo scale of the fresh database (default ${SOAK_DEFAULTS.scale}: ${SOAK_DEFAULTS.scale * 204} parcels)
  --connections N    concurrent keep-alive connections of the load generator (default ${SOAK_DEFAULTS.connections})
  --sample-every S   seconds between samples of each process's RSS and the error counts (default ${SOAK_DEFAULTS.sampleEveryS})
  --max-growth MB    a process whose RSS grows faster than this many MB per minute over the second
                     half of the run shows a growth trend, which fails the soak (default ${SOAK_DEFAULTS.maxGrowthMbPerMin})
  --out FILE         the Markdown report (default ${SOAK_DEFAULTS.out})
  --database-url URL a Postgres server: the soak creates its database there and drops it at the end
                     (default BENCH_DATABASE_URL, TEST_DATABASE_URL, or postgres://postgres@127.0.0.1:5432/postgres)
  --keep-database    leave the database for a look afterwards
  --only REGEX       only the operations of the mix whose name matches (case-insensitive)

Exits 1 when any request failed (a non-200 answer, a GraphQL error, a connection error or
timeout), a service exited, or a process's memory shows a growth trend.
`;

/** The options of `pnpm soak`; `help` when --help was given; an Error naming every problem. */
export function parseSoakOptions(argv: readonly string[]): SoakOptions | 'help' | Error {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        duration: { type: 'string' },
        scale: { type: 'string' },
        connections: { type: 'string' },
        'sample-every': { type: 'string' },
        'max-growth': { type: 'string' },
        out: { type: 'string' },
        'database-url': { type: 'string' },
        'keep-database': { type: 'boolean', default: false },
        only: { type: 'string' },
        help: { type: 'boolean', default: false },
      },
    }));
  } catch (error) {
    return error as Error;
  }
  if (values.help) return 'help';
  const parsed = soakOptionsSchema.safeParse({
    duration: values.duration,
    scale: values.scale,
    connections: values.connections,
    sampleEvery: values['sample-every'],
    maxGrowth: values['max-growth'],
    out: values.out,
    databaseUrl: values['database-url'],
    keepDatabase: values['keep-database'],
    only: values.only,
  });
  if (!parsed.success) return new Error(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
  return parsed.data;
}

// ---------------------------------------------------------------------------------------------
// Statistics

/** The p-th percentile (nearest rank) of ascending values; NaN when there are none. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

/** The slope of the least-squares line through the points (dy/dx); NaN with fewer than two distinct x. */
export function leastSquaresSlope(points: readonly { x: number; y: number }[]): number {
  const n = points.length;
  if (n < 2) return Number.NaN;
  const meanX = points.reduce((s, p) => s + p.x, 0) / n;
  const meanY = points.reduce((s, p) => s + p.y, 0) / n;
  let sxy = 0;
  let sxx = 0;
  for (const { x, y } of points) {
    sxy += (x - meanX) * (y - meanY);
    sxx += (x - meanX) ** 2;
  }
  return sxx === 0 ? Number.NaN : sxy / sxx;
}

/** One reading of a process's resident memory, `atS` seconds after the load started. */
export interface RssPoint {
  atS: number;
  bytes: number;
}

export type TrendVerdict = 'no growth trend' | 'growth trend' | 'too few samples';

export interface MemoryTrend {
  /** Least-squares slope of RSS over the second half of the run, MB (2^20 bytes) per minute. */
  slopeMbPerMin: number;
  /** The samples it was fitted to, and the time they span (seconds after the load started). */
  points: number;
  fromS: number;
  toS: number;
  verdict: TrendVerdict;
}

/** Fewer samples than this in the second half make no trend. */
export const MIN_TREND_POINTS = 3;

/** A slope under the threshold (MB/min) is no growth trend; a shrinking process has none either. */
export function trendVerdict(slopeMbPerMin: number, points: number, thresholdMbPerMin: number): TrendVerdict {
  if (points < MIN_TREND_POINTS || Number.isNaN(slopeMbPerMin)) return 'too few samples';
  return slopeMbPerMin < thresholdMbPerMin ? 'no growth trend' : 'growth trend';
}

/**
 * The memory trend of one process: the samples of the second half of the run (from `durationS`/2 on;
 * the first half is the warm-up, when caches fill and the heap finds its size), fitted with a
 * least-squares line, its slope in MB per minute.
 */
export function memoryTrend(samples: readonly RssPoint[], durationS: number, thresholdMbPerMin: number): MemoryTrend {
  const half = samples.filter((s) => s.atS >= durationS / 2);
  const slopeMbPerMin = leastSquaresSlope(half.map((s) => ({ x: s.atS / 60, y: s.bytes / 2 ** 20 })));
  return {
    slopeMbPerMin,
    points: half.length,
    fromS: half[0]?.atS ?? Number.NaN,
    toS: half.at(-1)?.atS ?? Number.NaN,
    verdict: trendVerdict(slopeMbPerMin, half.length, thresholdMbPerMin),
  };
}

/** The readings at the start, nearest the middle and at the end of the run. */
export function startMiddleEnd(samples: readonly RssPoint[], durationS: number): [RssPoint | undefined, RssPoint | undefined, RssPoint | undefined] {
  if (samples.length === 0) return [undefined, undefined, undefined];
  const middle = samples.reduce((best, s) => (Math.abs(s.atS - durationS / 2) < Math.abs(best.atS - durationS / 2) ? s : best));
  return [samples[0], middle, samples.at(-1)];
}

// ---------------------------------------------------------------------------------------------
// Errors

/**
 * What went wrong with one answer, as kinds: `HTTP <status>` for a non-200 answer, `GraphQL <code>`
 * for each distinct extensions.code among its errors (`GraphQL (no code)` without one); none for
 * a 200 answer without errors.
 */
export function responseErrorKinds(status: number, body: string): string[] {
  if (status !== 200) return [`HTTP ${status}`];
  if (!body.includes('"errors"')) return [];
  let errors: unknown;
  try {
    errors = (JSON.parse(body) as { errors?: unknown }).errors;
  } catch {
    return ['unreadable answer'];
  }
  if (!Array.isArray(errors) || errors.length === 0) return [];
  const codes = new Set(errors.map((e: { extensions?: { code?: unknown } }) => (typeof e?.extensions?.code === 'string' ? e.extensions.code : '(no code)')));
  return [...codes].map((code) => `GraphQL ${code}`);
}

/** The kind of a request that got no answer: a timeout, or the connection's error code. */
export function requestErrorKind(error: Error & { code?: string }): string {
  if (/timed out/i.test(error.message)) return 'timeout (no answer in 60 s)';
  return `connection ${error.code ?? error.message}`;
}

/** The sum of every series of one counter in a Prometheus text exposition (e.g. soilgraph_graphql_errors_total). */
export function sumMetric(exposition: string, name: string): number {
  let sum = 0;
  for (const line of exposition.split('\n')) {
    if (line.startsWith(`${name}{`) || line.startsWith(`${name} `)) {
      const value = Number(line.slice(line.lastIndexOf(' ') + 1));
      if (Number.isFinite(value)) sum += value;
    }
  }
  return sum;
}

// ---------------------------------------------------------------------------------------------
// The result and its report

/** The load so far, `atS` seconds after it started: cumulative answers and failed requests. */
export interface LoadSample {
  atS: number;
  requests: number;
  errors: number;
}

export interface SoakProcess {
  name: string;
  pid: number | undefined;
  rss: RssPoint[];
  /** GraphQL errors the process counted on its /metrics during the load (soilgraph_graphql_errors_total); undefined when it could not be read. */
  metricErrors: number | undefined;
  /** Set when the process exited before the end of the run. */
  exited: string | undefined;
}

export interface SoakResult {
  command: string;
  date: string;
  machine: string[];
  database: { scale: number; parcels: number; soilMeasurements: number };
  durationS: number;
  /** How long the load really ran. */
  seconds: number;
  connections: number;
  sampleEveryS: number;
  maxGrowthMbPerMin: number;
  operations: { name: string; token: Agency | undefined; bodies: number; requests: number; errors: number }[];
  /** Operations that did not answer correctly once before the load: left out of it, and errors. */
  preflightFailures: { name: string; error: string }[];
  requests: number;
  p50: number;
  p95: number;
  p99: number;
  /** Failed requests (a request with several kinds counts once). */
  failedRequests: number;
  /** Failed requests by kind (a request may have several). */
  errorKinds: Map<string, number>;
  /** The first few failed answers as they came. */
  errorExamples: string[];
  samples: LoadSample[];
  processes: SoakProcess[];
}

export interface SoakVerdict {
  ok: boolean;
  problems: string[];
}

/** The soak fails on any failed request, preflight failure, error a service counted, exited process, or growth trend. */
export function soakVerdict(result: SoakResult): SoakVerdict {
  const problems: string[] = [];
  if (result.preflightFailures.length > 0) problems.push(`${result.preflightFailures.length} operations failed before the load: ${result.preflightFailures.map((f) => f.name).join(', ')}`);
  if (result.failedRequests > 0) problems.push(`${result.failedRequests} requests failed (${[...result.errorKinds].map(([k, n]) => `${k}: ${n}`).join(', ')})`);
  if (result.requests === 0) problems.push('no request was answered');
  for (const p of result.processes) {
    if (p.exited !== undefined) problems.push(`${p.name} exited during the run: ${p.exited}`);
    if (p.metricErrors !== undefined && p.metricErrors > 0) problems.push(`${p.name} counted ${p.metricErrors} GraphQL errors on its /metrics`);
    const trend = memoryTrend(p.rss, result.durationS, result.maxGrowthMbPerMin);
    if (trend.verdict === 'growth trend') problems.push(`${p.name}: RSS grows ${trend.slopeMbPerMin.toFixed(1)} MB/min over the second half (threshold ${result.maxGrowthMbPerMin} MB/min)`);
    if (trend.verdict === 'too few samples') problems.push(`${p.name}: too few RSS samples in the second half for a trend (${trend.points})`);
  }
  return { ok: problems.length === 0, problems };
}

const int = (n: number) => Math.round(n).toLocaleString('en');
const ms = (n: number) => (Number.isNaN(n) ? '–' : n >= 100 ? int(n) : n.toFixed(1));
const mb = (point: RssPoint | undefined) => (point === undefined ? '–' : (point.bytes / 2 ** 20).toFixed(1));
const signed = (n: number) => (Number.isNaN(n) ? '–' : `${n >= 0 ? '+' : '−'}${Math.abs(n).toFixed(2)}`);
const quote = (text: string) => text.replace(/\s+/g, ' ').replace(/`/g, "'").slice(0, 300);

function table(header: string[], rows: string[][]): string {
  return [`| ${header.join(' | ')} |`, `|${header.map((_, i) => (i === 0 ? '---' : '---:')).join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');
}

/** At most `rows` samples, evenly spread, always the first and the last. */
export function spreadSamples<T>(samples: readonly T[], rows: number): T[] {
  if (samples.length <= rows) return [...samples];
  const picked: T[] = [];
  for (let i = 0; i < rows; i++) picked.push(samples[Math.round((i * (samples.length - 1)) / (rows - 1))]!);
  return picked;
}

export function renderSoakReport(result: SoakResult): string {
  const verdict = soakVerdict(result);
  const rate = result.seconds > 0 ? result.requests / result.seconds : 0;
  const trends = result.processes.map((p) => [p, memoryTrend(p.rss, result.durationS, result.maxGrowthMbPerMin)] as const);
  const lines: string[] = [
    '# Soak test',
    '',
    `**${verdict.ok ? 'Passed' : 'FAILED'}**: ${int(result.requests)} requests in ${(result.seconds / 60).toFixed(1)} minutes of steady mixed load through our gateway, ` +
      `${result.failedRequests === 0 ? 'no errors' : `**${int(result.failedRequests)} failed**`}, ` +
      `${trends.every(([, t]) => t.verdict === 'no growth trend') ? 'no process shows a memory growth trend' : '**a process shows a memory growth trend or could not be judged**'}. ` +
      `Measured ${result.date}. The data is the synthetic demo data. Written by \`pnpm soak\` (packages/bench/src/soak.ts); run it again to refresh this page.`,
    '',
    '## How it was run',
    '',
    `- Command: \`${result.command}\``,
    `- Date: ${result.date}`,
    ...result.machine.map((m) => `- ${m}`),
    `- Database: a fresh Postgres database at demo scale ${result.database.scale} (${int(result.database.parcels)} parcels, ${int(result.database.soilMeasurements)} soil measurements), written with COPY, then VACUUM ANALYZE; dropped afterwards.`,
    '- Services: the five subgraphs and our gateway, each its own process started as `pnpm bench` starts them (`pnpm --filter <package> start`, NODE_ENV=production, LOG_LEVEL=warn, fresh secrets, each subgraph as its agency\'s Postgres role).',
    `- Load: autocannon on loopback, ${result.connections} keep-alive connections for ${result.durationS} s (ran ${result.seconds.toFixed(0)} s), each connection cycling through the operations below in turn (an operation with several bodies takes the next one each round); each operation was first sent once per body and checked. Any non-200 answer, GraphQL error, connection error or timeout is an error.`,
    `- Samples: every ${result.sampleEveryS} s, the VmRSS (/proc/<pid>/status) of each serving node process and the load's answer and error counts; each service's \`soilgraph_graphql_errors_total\` (/metrics) before and after the load.`,
    `- Memory trend: least-squares slope of each process's RSS over the second half of the run (the first half is the warm-up), in MB per minute; under ${result.maxGrowthMbPerMin} MB/min is "no growth trend". The soak fails (exit 1) on any error or any growth trend.`,
    '',
    '## Load',
    '',
    table(
      ['requests', 'req/s', 'failed', 'p50 ms', 'p95 ms', 'p99 ms'],
      [[int(result.requests), rate.toFixed(1), int(result.failedRequests), ms(result.p50), ms(result.p95), ms(result.p99)]],
    ),
    '',
    '### Errors by kind',
    '',
    result.errorKinds.size === 0 && result.preflightFailures.length === 0
      ? 'None: every answer was a 200 without GraphQL errors, and no request went unanswered.'
      : [
          table(['kind', 'requests'], [...result.errorKinds].sort((a, b) => b[1] - a[1]).map(([kind, n]) => [kind, int(n)])),
          ...(result.errorExamples.length > 0 ? ['', 'First failed answers:', '', ...result.errorExamples.map((e) => `- \`${quote(e)}\``)] : []),
          ...(result.preflightFailures.length > 0
            ? ['', 'Operations that failed before the load (left out of it):', '', ...result.preflightFailures.map((f) => `- ${f.name}: \`${quote(f.error)}\``)]
            : []),
        ].join('\n'),
    '',
    '### Operations',
    '',
    table(
      ['operation', 'token', 'bodies', 'requests', 'errors'],
      result.operations.map((o) => [o.name, o.token ?? 'anonymous', String(o.bodies), int(o.requests), int(o.errors)]),
    ),
    '',
    '## Memory (RSS, MB)',
    '',
    table(
      ['process', 'start', 'middle', 'end', 'largest', `trend, MB/min (${trends[0] ? `${int(trends[0][1].fromS)}-${int(trends[0][1].toS)} s` : 'second half'})`, 'verdict', 'GraphQL errors on /metrics'],
      trends.map(([p, trend]) => {
        const [start, middle, end] = startMiddleEnd(p.rss, result.durationS);
        const largest = p.rss.reduce<RssPoint | undefined>((best, s) => (best === undefined || s.bytes > best.bytes ? s : best), undefined);
        const shown = trend.verdict === 'no growth trend' ? trend.verdict : `**${trend.verdict}**`;
        return [
          p.exited === undefined ? p.name : `${p.name} (**exited**)`,
          mb(start),
          mb(middle),
          mb(end),
          mb(largest),
          signed(trend.slopeMbPerMin),
          shown,
          p.metricErrors === undefined ? 'not read' : int(p.metricErrors),
        ];
      }),
    ),
    '',
    '## Timeline',
    '',
    table(
      ['s', 'req/s since the previous row', 'errors since', ...result.processes.map((p) => `${p.name} MB`)],
      spreadSamples(result.samples, 13).map((sample, i, shown) => {
        const previous = i === 0 ? { atS: 0, requests: 0, errors: 0 } : shown[i - 1]!;
        const span = sample.atS - previous.atS;
        const rss = (p: SoakProcess) => p.rss.reduce<RssPoint | undefined>((best, s) => (best === undefined || Math.abs(s.atS - sample.atS) < Math.abs(best.atS - sample.atS) ? s : best), undefined);
        return [
          int(sample.atS),
          span > 0 ? ((sample.requests - previous.requests) / span).toFixed(1) : '–',
          int(sample.errors - previous.errors),
          ...result.processes.map((p) => mb(rss(p))),
        ];
      }),
    ),
    '',
    '## Verdict',
    '',
    ...(verdict.ok ? ['No errors and no memory growth trend: passed.'] : verdict.problems.map((p) => `- ${p}`)),
    '',
  ];
  return lines.join('\n');
}

// ---------------------------------------------------------------------------------------------
// The run

export interface SoakContext {
  options: SoakOptions;
  /** The services' AUTH_SECRET and GATEWAY_SECRET. */
  authEnv: Record<string, string>;
  tokens: Record<Agency, string>;
  command: string;
  machine: () => Promise<string[]>;
  log: (line: string) => void;
}

async function readMetricErrors(service: ServiceProcess): Promise<number | undefined> {
  try {
    const response = await fetch(service.url.replace(/\/graphql$/, '/metrics'), { signal: AbortSignal.timeout(5000) });
    return response.ok ? sumMetric(await response.text(), 'soilgraph_graphql_errors_total') : undefined;
  } catch {
    return undefined;
  }
}

/** Each operation's bodies in rounds: round r takes every operation's body r (its bodies repeat), so each connection sends the mix in turn. */
export function interleave<T>(operations: readonly { bodies: readonly T[] }[]): { operation: number; body: T }[] {
  const rounds = Math.max(0, ...operations.map((o) => o.bodies.length));
  const sequence: { operation: number; body: T }[] = [];
  for (let r = 0; r < rounds; r++) {
    operations.forEach((o, operation) => {
      if (o.bodies.length > 0) sequence.push({ operation, body: o.bodies[r % o.bodies.length]! });
    });
  }
  return sequence;
}

/** Seeds, starts, checks each operation once, runs the load while sampling, stops everything; the result for the report. */
export async function runSoak(context: SoakContext): Promise<SoakResult> {
  const { options, log, tokens } = context;
  log(`seeding a fresh database at demo scale ${options.scale}`);
  const database = await createBenchDatabase(options.databaseUrl, options.scale, 'bulk', (line) => log(line));
  try {
    log('starting the five subgraphs and the gateway');
    const services = await startFederation({ databaseUrl: database.url, authEnv: context.authEnv });
    try {
      return await soakServices(context, services.gateway, services.all, database);
    } finally {
      await services.stop();
    }
  } finally {
    if (options.keepDatabase) log(`kept the database ${database.name}`);
    else await database.drop();
  }
}

const callerHeaders = (tokens: Record<Agency, string>, operation: Operation): Record<string, string> =>
  operation.token === undefined ? {} : { authorization: `Bearer ${tokens[operation.token]}` };

async function soakServices(
  context: SoakContext,
  gateway: ServiceProcess,
  all: readonly ServiceProcess[],
  database: { scale: number; districtCodes: string[]; rows: { parcels: number; soilMeasurements: number } },
): Promise<SoakResult> {
  const { options, log, tokens } = context;
  const cursors = await parcelCursors(gateway.url, { authorization: `Bearer ${tokens.planning}` }, 20);
  const mix = operationMix(database.districtCodes, [null, ...cursors]).filter((o) => options.only?.test(o.name) ?? true);
  if (mix.length === 0) throw new Error(`no operation's name matches ${options.only}`);

  // Every body once, answered without error, before the load: what fails here is left out of it (and fails the soak).
  const preflightFailures: SoakResult['preflightFailures'] = [];
  const operations: Operation[] = [];
  for (const operation of mix) {
    let failure: string | undefined;
    for (const body of operation.bodies) {
      try {
        const response = await fetch(gateway.url, { method: 'POST', headers: { 'content-type': 'application/json', ...callerHeaders(tokens, operation) }, body, signal: AbortSignal.timeout(60_000) });
        const text = await response.text();
        if (responseErrorKinds(response.status, text).length > 0) failure ??= `${response.status}: ${text}`;
      } catch (error) {
        failure ??= (error as Error).message;
      }
    }
    if (failure === undefined) operations.push(operation);
    else {
      preflightFailures.push({ name: operation.name, error: failure.slice(0, 2000) });
      log(`  ${operation.name}: FAILED before the load: ${failure.slice(0, 200)}`);
    }
  }
  log(`${operations.length} operations checked${preflightFailures.length > 0 ? `, ${preflightFailures.length} failed` : ''}`);

  const pids = new Map(all.map((s) => [s.name, s.servingPid()] as const));
  const processes: SoakProcess[] = all.map((s) => ({ name: s.name, pid: pids.get(s.name), rss: [], metricErrors: undefined, exited: undefined }));
  const metricsBefore = await Promise.all(all.map(readMetricErrors));

  const latencies: number[] = [];
  const errorKinds = new Map<string, number>();
  const errorExamples: string[] = [];
  const perOperation = operations.map(() => ({ requests: 0, errors: 0 }));
  let failedRequests = 0;
  const fail = (kinds: readonly string[], example: string, operation?: number) => {
    failedRequests += 1;
    if (operation !== undefined) perOperation[operation]!.errors += 1;
    for (const kind of kinds) errorKinds.set(kind, (errorKinds.get(kind) ?? 0) + 1);
    if (errorExamples.length < 5) errorExamples.push(example.slice(0, 1000));
  };

  const samples: LoadSample[] = [];
  const started = performance.now();
  const elapsedS = () => (performance.now() - started) / 1000;
  const sample = () => {
    const atS = elapsedS();
    samples.push({ atS, requests: latencies.length, errors: failedRequests });
    all.forEach((service, i) => {
      const measured = processes[i]!;
      const bytes = measured.pid === undefined ? undefined : residentBytes(measured.pid);
      if (bytes !== undefined) measured.rss.push({ atS, bytes });
      else if (measured.exited === undefined) measured.exited = `gone at ${atS.toFixed(0)} s (exit code ${service.child.exitCode ?? 'none'}): ${service.output().slice(-500)}`;
    });
  };

  log(`load: ${options.connections} connections for ${options.durationS} s, a sample every ${options.sampleEveryS} s`);
  const sequence = interleave(operations);
  let instance!: autocannon.Instance;
  const finished = new Promise<autocannon.Result>((resolve, reject) => {
    instance = autocannon(
      {
        url: gateway.url,
        method: 'POST',
        connections: options.connections,
        duration: options.durationS,
        timeout: 60,
        headers: { 'content-type': 'application/json' },
        requests: sequence.map(({ operation, body }) => ({
          method: 'POST' as const,
          body,
          headers: callerHeaders(tokens, operations[operation]!),
          onResponse: (status: number, responseBody: string) => {
            perOperation[operation]!.requests += 1;
            const kinds = responseErrorKinds(status, responseBody);
            if (kinds.length > 0) fail(kinds, `${operations[operation]!.name}: HTTP ${status}: ${responseBody}`, operation);
          },
        })),
      },
      (error, result) => (error ? reject(error) : resolve(result)),
    );
  });
  instance.on('response', (_client, _status, _bytes, responseTime) => latencies.push(responseTime));
  instance.on('reqError', (error) => fail([requestErrorKind(error as Error & { code?: string })], `request error: ${error.message}`));
  sample();
  let lastLog = 0;
  const timer = setInterval(() => {
    sample();
    const last = samples.at(-1)!;
    if (last.atS - lastLog >= 30) {
      lastLog = last.atS;
      const rss = processes.map((p) => `${p.name} ${mb(p.rss.at(-1))}`).join(', ');
      log(`  ${int(last.atS)} s: ${int(last.requests)} answers, ${int(last.errors)} failed; RSS MB: ${rss}`);
    }
  }, options.sampleEveryS * 1000);
  try {
    await finished;
  } finally {
    clearInterval(timer);
  }
  sample();
  const seconds = elapsedS();
  const metricsAfter = await Promise.all(all.map(readMetricErrors));
  processes.forEach((p, i) => {
    const [before, after] = [metricsBefore[i], metricsAfter[i]];
    p.metricErrors = before === undefined || after === undefined ? undefined : after - before;
  });

  latencies.sort((a, b) => a - b);
  return {
    command: context.command,
    date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
    machine: await context.machine(),
    database: { scale: database.scale, parcels: database.rows.parcels, soilMeasurements: database.rows.soilMeasurements },
    durationS: options.durationS,
    seconds,
    connections: options.connections,
    sampleEveryS: options.sampleEveryS,
    maxGrowthMbPerMin: options.maxGrowthMbPerMin,
    operations: operations.map((o, i) => ({ name: o.name, token: o.token, bodies: o.bodies.length, ...perOperation[i]! })),
    preflightFailures,
    requests: latencies.length,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    failedRequests,
    errorKinds,
    errorExamples,
    samples,
    processes,
  };
}
