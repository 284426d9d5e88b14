import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import type { PoolUsage } from '@soilgraph/db';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/*
 * Prometheus metrics of one service (GET /metrics), with prom-client: GraphQL requests and their
 * latency per operation, errors by code, and the process's own figures (memory, event loop,
 * CPU). Operation names come from callers, so at most MAX_OPERATION_NAMES distinct names get a
 * series of their own; the rest count under "other" (no caller can grow the metrics unbounded).
 */

const MAX_OPERATION_NAMES = 200;

export interface ServiceMetrics {
  registry: Registry;
  plugin: ApolloServerPlugin<BaseContext>;
}

export function createMetrics(service: string): ServiceMetrics {
  const registry = new Registry();
  registry.setDefaultLabels({ service });
  collectDefaultMetrics({ register: registry });

  const requests = new Counter({
    name: 'soilgraph_graphql_requests_total',
    help: 'GraphQL requests answered, by operation and outcome (ok, or error when the answer carries errors)',
    labelNames: ['operation', 'outcome'],
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'soilgraph_graphql_request_duration_seconds',
    help: 'Time from receiving a GraphQL request to sending its answer, by operation',
    labelNames: ['operation'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const errors = new Counter({
    name: 'soilgraph_graphql_errors_total',
    help: 'GraphQL errors in answers, by extensions.code',
    labelNames: ['code'],
    registers: [registry],
  });

  const seen = new Set<string>();
  const operationLabel = (name: string | null | undefined): string => {
    const value = name ?? 'anonymous';
    if (seen.has(value)) return value;
    if (seen.size >= MAX_OPERATION_NAMES) return 'other';
    seen.add(value);
    return value;
  };

  const plugin: ApolloServerPlugin<BaseContext> = {
    async requestDidStart() {
      const stop = duration.startTimer();
      return {
        async willSendResponse({ operationName, response }) {
          const operation = operationLabel(operationName);
          const body = response.body.kind === 'single' ? response.body.singleResult : undefined;
          const found = body?.errors ?? [];
          for (const error of found) errors.inc({ code: String(error.extensions?.code ?? 'UNKNOWN') });
          requests.inc({ operation, outcome: found.length > 0 ? 'error' : 'ok' });
          stop({ operation });
        },
      };
    },
  };
  return { registry, plugin };
}

/**
 * The database pool of a subgraph on Postgres, read at each scrape: connections open and idle,
 * queries waiting for one (a queue that stays above zero means the pool is too small or the
 * database too slow; past DB_POOL_WAIT_MS they are refused with DATABASE_BUSY), and the pool's size.
 */
export function registerPoolMetrics(registry: Registry, usage: () => PoolUsage | undefined): void {
  const gauges: [name: string, help: string, read: (u: PoolUsage) => number][] = [
    ['soilgraph_db_pool_connections', "Connections the service's database pool holds open, busy or idle", (u) => u.total],
    ['soilgraph_db_pool_idle_connections', "Open connections of the service's database pool not in use", (u) => u.idle],
    ['soilgraph_db_pool_waiting_requests', "Queries waiting for a connection of the service's database pool", (u) => u.waiting],
    ['soilgraph_db_pool_max_connections', "The most connections the service's database pool opens (DB_POOL_MAX)", (u) => u.max],
  ];
  for (const [name, help, read] of gauges) {
    new Gauge({
      name,
      help,
      registers: [registry],
      collect() {
        const now = usage();
        if (now !== undefined) this.set(read(now));
      },
    });
  }
}
