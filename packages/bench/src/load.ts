import autocannon from 'autocannon';

export interface LoadTarget {
  url: string;
  /** Headers of every request; called again before each request, so that a signature can be refreshed. */
  headers: () => Record<string, string>;
  bodies: readonly string[];
}

export interface LoadResult {
  requests: number;
  seconds: number;
  requestsPerSecond: number;
  /** Latency percentiles in milliseconds, over every request of the measured window. */
  p50: number;
  p95: number;
  p99: number;
  /** Responses that were not 200 or carried GraphQL errors, plus connection errors and timeouts. */
  errors: number;
  firstError: string | undefined;
}

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** Fewer responses than this make no percentile: a slow operation is measured until it has them. */
export const MIN_RESPONSES = 10;

/**
 * Drives one operation at one target for a fixed time on `connections` keep-alive connections,
 * each cycling through the operation's bodies. Latencies are recorded per response (autocannon's
 * own histogram has no p95); every body is checked for GraphQL errors, which an HTTP status alone
 * would not show. An operation too slow to give MIN_RESPONSES in that time (requests still in
 * flight at its end are dropped) is then sent until it has them, each response awaited.
 */
export async function runLoad(
  target: LoadTarget,
  { seconds, connections, minResponses = MIN_RESPONSES }: { seconds: number; connections: number; minResponses?: number },
): Promise<LoadResult> {
  const latencies: number[] = [];
  let errors = 0;
  let firstError: string | undefined;
  const fail = (what: string) => {
    errors += 1;
    firstError ??= what.slice(0, 2000);
  };
  const started = process.hrtime.bigint();
  const run = async (bound: { duration: number } | { amount: number }, clients: number) => {
    const options: autocannon.Options = {
      url: target.url,
      method: 'POST',
      connections: clients,
      ...bound,
      // The slowest operations take seconds at the larger scale: a timeout is an error, not a result.
      timeout: 120,
      headers: { 'content-type': 'application/json', ...target.headers() },
      requests: target.bodies.map((body) => ({
        method: 'POST' as const,
        body,
        setupRequest: (request) => ({ ...request, headers: { ...request.headers, ...target.headers() } }),
        onResponse: (status, responseBody) => {
          if (status !== 200) fail(`HTTP ${status}: ${responseBody}`);
          else if (responseBody.includes('"errors"')) fail(responseBody);
        },
      })),
    };
    // With a callback autocannon returns its instance, whose events give each response's latency.
    let instance!: autocannon.Instance;
    const finished = new Promise<autocannon.Result>((resolve, reject) => {
      instance = autocannon(options, (error, result) => (error ? reject(error) : resolve(result)));
    });
    instance.on('response', (_client, _status, _bytes, responseTime) => latencies.push(responseTime));
    instance.on('reqError', (error) => fail(`request error: ${error.message}`));
    const result = await finished;
    errors += result.timeouts;
    if (result.timeouts > 0) firstError ??= `${result.timeouts} requests timed out`;
  };
  await run({ duration: seconds }, connections);
  const missing = minResponses - latencies.length;
  if (missing > 0) await run({ amount: missing }, Math.min(connections, missing));
  const elapsedS = Number(process.hrtime.bigint() - started) / 1e9;
  latencies.sort((a, b) => a - b);
  return {
    requests: latencies.length,
    seconds: elapsedS,
    requestsPerSecond: latencies.length / elapsedS,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    errors,
    firstError,
  };
}
