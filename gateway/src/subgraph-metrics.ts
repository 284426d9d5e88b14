import { Histogram, type Registry } from 'prom-client';

/**
 * soilgraph_subgraph_request_duration_seconds{subgraph, outcome} on the gateway's /metrics: how
 * long each call to a subgraph took, as the gateway saw it, and how it ended: `ok`, `errors` (the
 * subgraph answered with GraphQL errors), or the code the gateway gave the failure
 * (SUBGRAPH_UNAVAILABLE, TIMEOUT, ...). The count of each series is the calls.
 */
export class SubgraphCallMetrics {
  private readonly histogram = new Histogram({
    name: 'soilgraph_subgraph_request_duration_seconds',
    help: "Calls from the gateway to each subgraph: duration in seconds, by subgraph and outcome (ok, errors, or the failure's code)",
    labelNames: ['subgraph', 'outcome'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [],
  });

  observe(subgraph: string, seconds: number, outcome: string): void {
    this.histogram.observe({ subgraph, outcome }, seconds);
  }

  register(registry: Registry): void {
    registry.registerMetric(this.histogram);
  }
}
