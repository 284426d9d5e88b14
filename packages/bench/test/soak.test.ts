import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repositoryRoot } from '../src/options.ts';
import {
  interleave,
  leastSquaresSlope,
  memoryTrend,
  parseSoakOptions,
  percentile,
  renderSoakReport,
  requestErrorKind,
  responseErrorKinds,
  type RssPoint,
  type SoakResult,
  soakVerdict,
  spreadSamples,
  startMiddleEnd,
  sumMetric,
  trendVerdict,
} from '../src/soak.ts';

const MB = 2 ** 20;

/** A reading every `everyS` seconds over `durationS`, `mb(t)` MB at t seconds. */
function series(durationS: number, everyS: number, mb: (t: number) => number): RssPoint[] {
  const points: RssPoint[] = [];
  for (let t = 0; t <= durationS; t += everyS) points.push({ atS: t, bytes: mb(t) * MB });
  return points;
}

describe('the memory trend', () => {
  it('fits a least-squares line', () => {
    expect(leastSquaresSlope([{ x: 0, y: 1 }, { x: 1, y: 3 }, { x: 2, y: 5 }])).toBeCloseTo(2);
    // Noise around a flat line: slope 0.
    expect(leastSquaresSlope([{ x: 0, y: 1 }, { x: 1, y: 3 }, { x: 2, y: 1 }, { x: 3, y: 3 }, { x: 4, y: 1 }, { x: 5, y: 3 }].slice(0, 5))).toBeCloseTo(0);
    expect(leastSquaresSlope([{ x: 1, y: 1 }])).toBeNaN();
    expect(leastSquaresSlope([{ x: 1, y: 1 }, { x: 1, y: 2 }])).toBeNaN();
  });

  it('measures the slope in MB per minute over the second half only, after the warm-up', () => {
    // Warm-up: +60 MB in the first 90 s (caches filling), then flat at 160 MB.
    const warmingThenFlat = series(180, 2, (t) => (t < 90 ? 100 + (60 * t) / 90 : 160));
    const trend = memoryTrend(warmingThenFlat, 180, 2);
    expect(trend.slopeMbPerMin).toBeCloseTo(0, 6);
    expect(trend.fromS).toBe(90);
    expect(trend.toS).toBe(180);
    expect(trend.points).toBe(46);
    expect(trend.verdict).toBe('no growth trend');
  });

  it('finds a steady leak of 3 MB per minute, but not one under the threshold', () => {
    expect(memoryTrend(series(180, 5, (t) => 120 + (3 * t) / 60), 180, 2)).toMatchObject({ verdict: 'growth trend' });
    expect(memoryTrend(series(180, 5, (t) => 120 + (3 * t) / 60), 180, 2).slopeMbPerMin).toBeCloseTo(3);
    expect(memoryTrend(series(180, 5, (t) => 120 + (1.5 * t) / 60), 180, 2).verdict).toBe('no growth trend');
    // A shrinking process has no growth trend.
    expect(memoryTrend(series(180, 5, (t) => 200 - t / 10), 180, 2).verdict).toBe('no growth trend');
  });

  it('judges the slope against the threshold, and refuses to judge on too few samples', () => {
    expect(trendVerdict(1.99, 10, 2)).toBe('no growth trend');
    expect(trendVerdict(2, 10, 2)).toBe('growth trend');
    expect(trendVerdict(-5, 10, 2)).toBe('no growth trend');
    expect(trendVerdict(0, 2, 2)).toBe('too few samples');
    expect(trendVerdict(Number.NaN, 10, 2)).toBe('too few samples');
  });

  it('picks the readings at the start, the middle and the end', () => {
    const points = series(120, 10, (t) => t);
    expect(startMiddleEnd(points, 120).map((p) => p?.atS)).toEqual([0, 60, 120]);
    expect(startMiddleEnd([], 120)).toEqual([undefined, undefined, undefined]);
  });
});

describe('the load statistics', () => {
  it('takes nearest-rank percentiles', () => {
    const values = Array.from({ length: 100 }, (_, i) => i + 1);
    expect([percentile(values, 50), percentile(values, 95), percentile(values, 99)]).toEqual([50, 95, 99]);
    expect(percentile([7], 99)).toBe(7);
    expect(percentile([], 50)).toBeNaN();
  });

  it('tells errors by kind: non-200 answers, GraphQL error codes, requests without an answer', () => {
    expect(responseErrorKinds(200, '{"data":{"city":{"name":"Beijing"}}}')).toEqual([]);
    expect(responseErrorKinds(503, 'Service Unavailable')).toEqual(['HTTP 503']);
    expect(
      responseErrorKinds(
        200,
        JSON.stringify({
          data: { parcel: null },
          errors: [{ message: 'a', extensions: { code: 'SUBGRAPH_UNAVAILABLE' } }, { message: 'b', extensions: { code: 'SUBGRAPH_UNAVAILABLE' } }, { message: 'c' }],
        }),
      ),
    ).toEqual(['GraphQL SUBGRAPH_UNAVAILABLE', 'GraphQL (no code)']);
    // A string value that mentions "errors" is no error.
    expect(responseErrorKinds(200, '{"data":{"note":"\\"errors\\""}}')).toEqual([]);
    expect(requestErrorKind(new Error('request timed out'))).toBe('timeout (no answer in 60 s)');
    expect(requestErrorKind(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:4000'), { code: 'ECONNREFUSED' }))).toBe('connection ECONNREFUSED');
  });

  it('sums a counter over its series in a Prometheus exposition', () => {
    const exposition = [
      '# HELP soilgraph_graphql_errors_total GraphQL errors in answers, by extensions.code',
      '# TYPE soilgraph_graphql_errors_total counter',
      'soilgraph_graphql_errors_total{code="FORBIDDEN",service="gateway"} 3',
      'soilgraph_graphql_errors_total{code="TIMEOUT",service="gateway"} 2',
      'soilgraph_graphql_errors_total_other 40',
      'soilgraph_graphql_requests_total{operation="x",outcome="ok",service="gateway"} 100',
    ].join('\n');
    expect(sumMetric(exposition, 'soilgraph_graphql_errors_total')).toBe(5);
    expect(sumMetric('', 'soilgraph_graphql_errors_total')).toBe(0);
  });

  it('sends each operation in turn, walking the bodies of those that have several', () => {
    expect(interleave([{ bodies: ['a1', 'a2', 'a3'] }, { bodies: ['b'] }, { bodies: [] }])).toEqual([
      { operation: 0, body: 'a1' },
      { operation: 1, body: 'b' },
      { operation: 0, body: 'a2' },
      { operation: 1, body: 'b' },
      { operation: 0, body: 'a3' },
      { operation: 1, body: 'b' },
    ]);
  });

  it('spreads a long timeline over a few rows, keeping the first and the last', () => {
    expect(spreadSamples([1, 2, 3], 5)).toEqual([1, 2, 3]);
    expect(spreadSamples(Array.from({ length: 91 }, (_, i) => i), 4)).toEqual([0, 30, 60, 90]);
  });
});

function result(overrides: Partial<SoakResult> = {}): SoakResult {
  const flat = series(120, 2, () => 150);
  return {
    command: 'pnpm soak --duration 120',
    date: '2026-11-29T14:30:00Z',
    machine: ['Machine: test CPU, 2 cores', 'Software: Node v20'],
    database: { scale: 5, parcels: 1020, soilMeasurements: 19_000 },
    durationS: 120,
    seconds: 120.4,
    connections: 4,
    sampleEveryS: 2,
    maxGrowthMbPerMin: 2,
    operations: [
      { name: 'README assessSoil(…)', token: undefined, bodies: 1, requests: 6000, errors: 0 },
      { name: 'district dashboard', token: 'agriculture', bodies: 16, requests: 6000, errors: 0 },
    ],
    preflightFailures: [],
    requests: 12_000,
    p50: 12.3,
    p95: 45.6,
    p99: 120.4,
    failedRequests: 0,
    errorKinds: new Map(),
    errorExamples: [],
    samples: Array.from({ length: 61 }, (_, i) => ({ atS: i * 2, requests: i * 200, errors: 0 })),
    processes: [
      { name: 'planning', pid: 101, rss: flat, metricErrors: 0, exited: undefined },
      { name: 'gateway', pid: 106, rss: series(120, 2, (t) => (t < 60 ? 180 + t / 2 : 210)), metricErrors: 0, exited: undefined },
    ],
    ...overrides,
  };
}

describe('the soak verdict and report', () => {
  it('passes without errors or growth, and says so in the report', () => {
    const ok = result();
    expect(soakVerdict(ok)).toEqual({ ok: true, problems: [] });
    const report = renderSoakReport(ok);
    expect(report).toMatch(/^# Soak test\n/);
    expect(report).toContain('**Passed**: 12,000 requests');
    expect(report).toContain('- Command: `pnpm soak --duration 120`');
    expect(report).toContain('- Date: 2026-11-29T14:30:00Z');
    expect(report).toContain('- Machine: test CPU, 2 cores');
    expect(report).toContain('| 12,000 | 99.7 | 0 | 12.3 | 45.6 | 120 |');
    expect(report).toContain('None: every answer was a 200 without GraphQL errors');
    // start, middle, end, largest, slope, verdict, errors on /metrics
    expect(report).toContain('| planning | 150.0 | 150.0 | 150.0 | 150.0 | +0.00 | no growth trend | 0 |');
    expect(report).toContain('| gateway | 180.0 | 210.0 | 210.0 | 210.0 | +0.00 | no growth trend | 0 |');
    expect(report).toContain('| district dashboard | agriculture | 16 | 6,000 | 0 |');
    expect(report).toContain('No errors and no memory growth trend: passed.');
  });

  it('fails on errors, naming them by kind', () => {
    const failed = result({
      failedRequests: 3,
      errorKinds: new Map([
        ['GraphQL TIMEOUT', 2],
        ['HTTP 503', 1],
      ]),
      errorExamples: ['district dashboard: HTTP 200: {"errors":[{"message":"The environment subgraph did not answer in time"}]}'],
    });
    const verdict = soakVerdict(failed);
    expect(verdict.ok).toBe(false);
    expect(verdict.problems).toEqual(['3 requests failed (GraphQL TIMEOUT: 2, HTTP 503: 1)']);
    const report = renderSoakReport(failed);
    expect(report).toContain('**FAILED**');
    expect(report).toContain('| GraphQL TIMEOUT | 2 |');
    expect(report).toContain('| HTTP 503 | 1 |');
    expect(report).toContain('- 3 requests failed (GraphQL TIMEOUT: 2, HTTP 503: 1)');
  });

  it('fails on a growth trend, a process that exited, errors a service counted, or an operation that failed before the load', () => {
    const leaking = result({
      processes: [
        { name: 'water', pid: 104, rss: series(120, 2, (t) => 150 + (5 * t) / 60), metricErrors: 0, exited: undefined },
        { name: 'geology', pid: 105, rss: series(40, 2, () => 150), metricErrors: 2, exited: 'gone at 42 s (exit code 1)' },
      ],
      preflightFailures: [{ name: 'README city', error: '200: {"errors":[...]}' }],
    });
    const { ok, problems } = soakVerdict(leaking);
    expect(ok).toBe(false);
    expect(problems).toEqual([
      '1 operations failed before the load: README city',
      'water: RSS grows 5.0 MB/min over the second half (threshold 2 MB/min)',
      'geology exited during the run: gone at 42 s (exit code 1)',
      'geology counted 2 GraphQL errors on its /metrics',
      'geology: too few RSS samples in the second half for a trend (0)',
    ]);
    const report = renderSoakReport(leaking);
    expect(report).toContain('| water | 150.0 | 155.0 | 160.0 | 160.0 | +5.00 | **growth trend** | 0 |');
    expect(report).toContain('geology (**exited**)');
    expect(report).toContain('- README city: `200: {"errors":[...]}`');
  });
});

describe('pnpm soak options', () => {
  it('defaults to 3 minutes at demo scale 5 and writes docs/soak.md', () => {
    const options = parseSoakOptions([]);
    expect(options).toMatchObject({ durationS: 180, scale: 5, connections: 4, sampleEveryS: 2, maxGrowthMbPerMin: 2, keepDatabase: false });
    expect((options as { out: string }).out).toBe(path.join(repositoryRoot, 'docs/soak.md'));
  });

  it('reads --duration, --scale and the others, and refuses what makes no soak', () => {
    expect(parseSoakOptions(['--duration', '120', '--scale', '2', '--max-growth', '3', '--out', '/tmp/soak.md'])).toMatchObject({
      durationS: 120,
      scale: 2,
      maxGrowthMbPerMin: 3,
      out: '/tmp/soak.md',
    });
    expect(parseSoakOptions(['--help'])).toBe('help');
    expect(parseSoakOptions(['--duration', '5'])).toBeInstanceOf(Error);
    expect(parseSoakOptions(['--duration', '30', '--sample-every', '10'])).toBeInstanceOf(Error);
    expect(parseSoakOptions(['--bogus'])).toBeInstanceOf(Error);
  });
});
