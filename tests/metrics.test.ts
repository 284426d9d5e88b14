import { describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { gateway } from './support/gateway.ts';

// Every service serves Prometheus metrics on /metrics (prom-client): requests and latency per
// operation, errors by code, and the process's own figures.

const metricsOf = async (graphqlUrl: string) => (await fetch(graphqlUrl.replace(/\/graphql$/, '/metrics'))).text();
/** The value of one series, e.g. soilgraph_graphql_requests_total{operation="X",outcome="ok"}. */
function value(text: string, name: string, labels: Record<string, string>): number {
  const line = text.split('\n').find((l) => l.startsWith(`${name}{`) && Object.entries(labels).every(([k, v]) => l.includes(`${k}="${v}"`)));
  return line === undefined ? 0 : Number(line.slice(line.lastIndexOf(' ') + 1));
}

describe('metrics', () => {
  it('count the gateway’s requests per operation and outcome, with their latency, and errors by code', async () => {
    const before = await metricsOf(inject('gatewayUrl'));
    await gateway('query MetricsProbe { city { name } }');
    await gateway('query MetricsProbe { city { name } }');
    await gateway('query MetricsRefused { parcels(first: 1) { totalCount } }', undefined, { as: 'anonymous' });
    const after = await metricsOf(inject('gatewayUrl'));

    const delta = (name: string, labels: Record<string, string>) => value(after, name, labels) - value(before, name, labels);
    expect(delta('soilgraph_graphql_requests_total', { service: 'gateway', operation: 'MetricsProbe', outcome: 'ok' })).toBe(2);
    expect(delta('soilgraph_graphql_request_duration_seconds_count', { service: 'gateway', operation: 'MetricsProbe' })).toBe(2);
    expect(delta('soilgraph_graphql_requests_total', { service: 'gateway', operation: 'MetricsRefused', outcome: 'error' })).toBe(1);
    expect(delta('soilgraph_graphql_errors_total', { service: 'gateway', code: 'UNAUTHENTICATED' })).toBeGreaterThanOrEqual(1);
    expect(after).toMatch(/^process_resident_memory_bytes\{service="gateway"\} \d+/m);
  });

  it('are served by each subgraph too, counting the calls the gateway made', async () => {
    const planning = inject('subgraphUrls').planning!;
    const before = await metricsOf(planning);
    await gateway('{ city { name } }');
    const after = await metricsOf(planning);
    const calls = (text: string) =>
      text
        .split('\n')
        .filter((l) => l.startsWith('soilgraph_graphql_requests_total{') && l.includes('service="planning"'))
        .reduce((sum, l) => sum + Number(l.slice(l.lastIndexOf(' ') + 1)), 0);
    expect(calls(after) - calls(before)).toBeGreaterThanOrEqual(1);
  });
});
