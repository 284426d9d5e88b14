import type { Logger } from '@soilgraph/server-kit';
import { circuitBreaker, type CircuitBreakerPolicy, CircuitState, ConsecutiveBreaker, handleAll } from 'cockatiel';
import { Gauge, type Registry } from 'prom-client';
import type { CircuitBreakerSettings } from './config.ts';

/**
 * One circuit breaker per subgraph, so that a dead subgraph costs little: after `failures`
 * consecutive calls that failed for want of the subgraph (unreachable, a 502/503/504 in front of
 * it, or no answer within SUBGRAPH_TIMEOUT_MS), its circuit opens and every call to it is
 * answered SUBGRAPH_UNAVAILABLE at once, without a connection, for `resetMs`. Then one trial call
 * goes through (half-open; calls arriving meanwhile wait for its outcome): if it succeeds the
 * circuit closes, else it opens for another `resetMs`. A call that the subgraph answered, even
 * with an error, counts as a success: the subgraph is there.
 *
 * The breakers are cockatiel's (maintained, no dependencies): its ConsecutiveBreaker is exactly
 * this rule. opossum, the other common choice, opens on a failure percentage over a rolling
 * window, which a trickle of requests to a dead subgraph would take longer to reach.
 *
 * The breakers belong to the gateway, not to the subgraph data sources: those are rebuilt when a
 * reloaded supergraph moves a subgraph, and a subgraph's failures must count across that.
 */
export class SubgraphCircuits {
  private readonly breakers = new Map<string, CircuitBreakerPolicy>();

  constructor(
    readonly settings: Readonly<CircuitBreakerSettings>,
    private readonly logger: Logger,
  ) {}

  /** The breaker of one subgraph, made on first use. */
  of(agency: string): CircuitBreakerPolicy {
    let breaker = this.breakers.get(agency);
    if (breaker === undefined) {
      breaker = circuitBreaker(handleAll, { halfOpenAfter: this.settings.resetMs, breaker: new ConsecutiveBreaker(this.settings.failures) });
      const { failures, resetMs } = this.settings;
      // Opened after `failures` failed calls in a row, or again after a failed trial call.
      breaker.onBreak(() =>
        this.logger.warn({ subgraph: agency, failures, resetMs }, `circuit open: calls to the ${agency} subgraph fail at once for ${resetMs} ms`),
      );
      breaker.onHalfOpen(() => this.logger.info({ subgraph: agency }, `circuit half-open: one trial call to the ${agency} subgraph`));
      breaker.onReset(() => this.logger.info({ subgraph: agency }, `circuit closed: the ${agency} subgraph answers again`));
      this.breakers.set(agency, breaker);
    }
    return breaker;
  }

  /** A subgraph's circuit as a number: 0 closed, 1 half-open (a trial call), 2 open (calls fail at once). */
  stateOf(agency: string): 0 | 1 | 2 {
    const state = this.breakers.get(agency)?.state ?? CircuitState.Closed;
    return state === CircuitState.Closed ? 0 : state === CircuitState.HalfOpen ? 1 : 2;
  }
}

/**
 * soilgraph_subgraph_circuit_state{subgraph} on /metrics: 0 closed, 1 half-open, 2 open. A circuit
 * stays open (2) after CIRCUIT_RESET_MS until the next call to its subgraph, which is the trial.
 */
export function registerCircuitMetrics(registry: Registry, circuits: SubgraphCircuits, subgraphs: readonly string[]): void {
  new Gauge({
    name: 'soilgraph_subgraph_circuit_state',
    help: "The gateway's circuit breaker of each subgraph: 0 closed, 1 half-open (one trial call), 2 open (calls answered SUBGRAPH_UNAVAILABLE at once)",
    labelNames: ['subgraph'],
    registers: [registry],
    collect() {
      for (const subgraph of subgraphs) this.set({ subgraph }, circuits.stateOf(subgraph));
    },
  });
}
