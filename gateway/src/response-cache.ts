import { createHash } from 'node:crypto';
import type { Experimental_DidResolveQueryPlanCallback } from '@apollo/gateway';
import type { ApolloServerPlugin, GraphQLRequestContextWillSendResponse, GraphQLResponse } from '@apollo/server';
import type { Caller } from '@soilgraph/auth';
import { DATA_VERSION_PATH, routeOf } from '@soilgraph/server-kit';
import type { FormattedExecutionResult } from 'graphql';
import { LRUCache } from 'lru-cache';
import { Counter, type Registry } from 'prom-client';
import type { GatewayContext } from './access.ts';

/*
 * Whole answers, kept while every agency's data is as it was when they were computed.
 *
 * The area-wide questions (a district's or the city's soil risk, farmland classes, plan
 * indicators, a source's early warning) carry every parcel of the area from planning through
 * the gateway to environment and agriculture (@requires): that work grows with the data. Asked
 * again while nothing has been written, the answer is the same. So before it runs a query, the
 * gateway asks each subgraph of the query's plan for its agency's data version (GET /data-version:
 * one row, bumped in the writing transaction by a trigger on every table, db/src/versions.ts), and
 * answers from an earlier answer to the same operation, variables and caller when those versions
 * are the ones it was computed at. Any write by anyone (a mutation, the importer, SQL by hand)
 * moves a version, and the next request computes afresh: nothing is served stale, and there is no
 * expiry to tune.
 *
 * - Only queries whose answer has no errors are kept; a subgraph that fails is never remembered.
 * - The caller is part of the key (kind, agency, subject, scopes): each subgraph's @access and the
 *   published-only rule give different callers different answers. The token itself is checked at
 *   every request, before this runs, as are the limits.
 * - The versions are read before the answer is computed: a write that lands meanwhile leaves the
 *   answer under the older versions, which no later request reads.
 * - Identical requests that arrive while one is being computed wait for it and get its answer,
 *   errors included, rather than each computing the same answer ("shared"): a question too heavy
 *   to answer in time is not then asked again by every waiting caller at once.
 * - A version that cannot be read (a subgraph down, or its circuit open) only turns the cache off
 *   for that request.
 * - A version read is shared by the requests that arrived before it started (VersionReader): under
 *   load, a couple of reads per subgraph at a time rather than one per request.
 * - The query plan decides, not the load. An operation is kept when its plan calls subgraphs more
 *   than once: calls in sequence, each waiting for the one before, entity representations and
 *   @requires inputs carried between agencies (all of a district's parcels, for its soil risk),
 *   spatial joins at each. A hit replaces all that with one version read per subgraph of the plan,
 *   in parallel. A plan of one call (a page of a list, an entity of one agency, assessSoil) would
 *   trade that call for a version read of about the same cost, so it is answered without the cache
 *   and without reading any version. The gateway learns an operation's plan the first time it
 *   runs it (that time reads all five versions), and forgets the plans and the answers whenever
 *   the supergraph changes.
 * - Answers are bounded by size in total (RESPONSE_CACHE_MB); each replica keeps its own.
 *
 * The response says what happened in `x-soilgraph-cache` (hit, shared, miss or bypass), and
 * /metrics counts it in soilgraph_gateway_response_cache_total{outcome}.
 */

export const CACHE_HEADER = 'x-soilgraph-cache';
export type CacheOutcome = 'hit' | 'shared' | 'miss' | 'bypass';

/** Operations whose query plan is remembered, to decide whether the cache is worth its reads. */
const MAX_OPERATIONS = 10_000;

/** How long the gateway waits for a subgraph's data version before it answers without the cache. */
const VERSION_TIMEOUT_MS = 1000;

export interface ResponseCacheOptions {
  /** Largest total size of the kept answers, in bytes of JSON; 0 turns the cache off. */
  maxBytes: number;
  /** Each subgraph's GraphQL URL; its data version is at /data-version beside it. */
  subgraphUrls: Readonly<Record<string, string>>;
  /** Whether a subgraph is answering (its circuit is closed); the versions are not asked of one that is not. */
  answering: (subgraph: string) => boolean;
}

/** The outcomes counted on /metrics, registered by the caller (startGateway). */
export class ResponseCacheMetrics {
  readonly counter = new Counter({
    name: 'soilgraph_gateway_response_cache_total',
    help: 'Queries the gateway answered from its response cache (hit, shared) or computed (miss; bypass: without the cache, for an operation whose query plan is one subgraph call, or when a data version could not be read)',
    labelNames: ['outcome'],
    registers: [],
  });

  register(registry: Registry): void {
    registry.registerMetric(this.counter);
  }
}

/** Who is asking, as far as it changes the answer. */
function callerKey(caller: Caller): string {
  return caller.kind === 'anonymous' ? 'anonymous' : `${caller.agency}|${caller.subject}|${[...caller.scopes].sort().join(' ')}`;
}

/**
 * One subgraph's data version, read for many requests at once. A read answers every request that
 * arrived before it started: it sees every write those requests could have seen. So a request
 * that arrives while a read is in flight waits for the next read, which starts when that one
 * ends, and is shared by all who arrived meanwhile. Under load that is a couple of reads per
 * subgraph at a time, instead of one per request; never a version read before the request came.
 */
class VersionReader {
  private inFlight: Promise<string> | undefined;
  private next: Promise<string> | undefined;

  constructor(
    private readonly name: string,
    private readonly url: string,
  ) {}

  read(): Promise<string> {
    if (this.inFlight === undefined) return this.start();
    this.next ??= this.inFlight.then(
      () => this.start(),
      () => this.start(),
    );
    return this.next;
  }

  private start(): Promise<string> {
    this.next = undefined;
    const read = this.fetchVersion().finally(() => {
      if (this.inFlight === read) this.inFlight = undefined;
    });
    this.inFlight = read;
    return read;
  }

  private async fetchVersion(): Promise<string> {
    const response = await fetch(this.url, { signal: AbortSignal.timeout(VERSION_TIMEOUT_MS) });
    if (!response.ok) throw new Error(`${this.name}: ${response.status}`);
    const { version } = (await response.json()) as { version?: unknown };
    if (typeof version !== 'string') throw new Error(`${this.name}: no version`);
    return version;
  }
}

/** The data versions of the given subgraphs, by name; undefined when one cannot be read. */
async function dataVersions(readers: readonly (readonly [string, VersionReader])[]): Promise<Map<string, string> | undefined> {
  try {
    return new Map(await Promise.all(readers.map(async ([name, reader]): Promise<[string, string]> => [name, await reader.read()])));
  } catch {
    return undefined;
  }
}

type Answer = FormattedExecutionResult;

type QueryPlan = Parameters<Experimental_DidResolveQueryPlanCallback>[0]['queryPlan'];
type PlanNode = NonNullable<QueryPlan['node']>;

/** What the cache needs to know of an operation's query plan. */
interface PlanFacts {
  /** The plan calls subgraphs more than once: worth keeping. */
  keep: boolean;
  /** The subgraphs the plan calls: whose data versions an answer depends on. */
  subgraphs: Set<string>;
}

function planFacts(plan: QueryPlan): PlanFacts {
  let calls = 0;
  const subgraphs = new Set<string>();
  const visit = (node: PlanNode | undefined): void => {
    if (node === undefined) return;
    switch (node.kind) {
      case 'Fetch':
        calls += 1;
        subgraphs.add(node.serviceName);
        return;
      case 'Flatten':
        return visit(node.node);
      case 'Sequence':
      case 'Parallel':
        return node.nodes.forEach(visit);
      case 'Condition':
        visit(node.ifClause);
        return visit(node.elseClause);
      case 'Defer':
        visit(node.primary.node);
        return node.deferred.forEach((d) => visit(d.node));
    }
  };
  visit(plan.node);
  return { keep: calls > 1, subgraphs };
}

export interface ResponseCache {
  /** The Apollo Server plugin that answers from kept answers. */
  plugin: ApolloServerPlugin<GatewayContext>;
  /** Given to ApolloGateway as experimental_didResolveQueryPlan: learns each operation's plan. */
  didResolveQueryPlan: Experimental_DidResolveQueryPlanCallback;
  /** Forgets every plan and answer (the supergraph changed). */
  clear(): void;
}

/** An operation, whatever its variables: its text and name. */
function operationKey({ queryHash, operationName }: { queryHash?: string; operationName?: string | null }): string {
  return `${queryHash ?? ''}|${operationName ?? ''}`;
}

export function responseCache({ maxBytes, subgraphUrls, answering }: ResponseCacheOptions, metrics = new ResponseCacheMetrics()): ResponseCache {
  const plans = new LRUCache<string, PlanFacts>({ max: MAX_OPERATIONS });
  const answers = new LRUCache<string, Answer>({ maxSize: Math.max(1, maxBytes), sizeCalculation: (answer) => Math.max(1, JSON.stringify(answer).length) });
  const clear = () => {
    plans.clear();
    answers.clear();
  };
  if (maxBytes === 0) return { plugin: {}, didResolveQueryPlan: () => {}, clear };
  const readers = new Map(Object.entries(subgraphUrls).map(([name, url]) => [name, new VersionReader(name, routeOf(url, DATA_VERSION_PATH))]));
  const computing = new Map<string, Promise<Answer | undefined>>();

  const plugin: ApolloServerPlugin<GatewayContext> = {
    async requestDidStart() {
      let key: string | undefined;
      /** The key of this question at the versions read, given the subgraphs the answer depends on. */
      let keyOf: ((subgraphs: Iterable<string>) => string | undefined) | undefined;
      let done: ((answer: Answer | undefined) => void) | undefined;
      const answerWith = (requestContext: { response: { http: { headers: Map<string, string> } } }, outcome: CacheOutcome) => {
        requestContext.response.http.headers.set(CACHE_HEADER, outcome);
        metrics.counter.inc({ outcome });
      };
      /** Leaves the answer to be computed. */
      const compute = (requestContext: Parameters<typeof answerWith>[0], outcome: 'miss' | 'bypass') => {
        answerWith(requestContext, outcome);
        return null;
      };
      return {
        async responseForOperation(requestContext): Promise<GraphQLResponse | null> {
          if (requestContext.operation.operation !== 'query') return null;
          const plan = plans.get(operationKey(requestContext));
          if (plan !== undefined && !plan.keep) return compute(requestContext, 'bypass');
          // An operation not yet planned depends, as far as the cache knows, on every subgraph.
          const subgraphs = [...readers].filter(([name]) => plan === undefined || plan.subgraphs.has(name));
          const versions = subgraphs.every(([name]) => answering(name)) ? await dataVersions(subgraphs) : undefined;
          if (versions === undefined) return compute(requestContext, 'bypass');
          const { queryHash, operationName, request, contextValue } = requestContext;
          const question = [queryHash, operationName ?? null, request.variables ?? {}, callerKey(contextValue.caller)];
          // Undefined when a subgraph's version was not read (its plan changed meanwhile: a new supergraph).
          keyOf = (planned) => {
            const names = [...planned].sort();
            if (!names.every((name) => versions.has(name))) return undefined;
            return createHash('sha256')
              .update(JSON.stringify([...question, names.map((name) => `${name}=${versions.get(name)}`)]))
              .digest('base64url');
          };
          key = keyOf(versions.keys())!;
          const kept = answers.get(key);
          if (kept !== undefined) {
            answerWith(requestContext, 'hit');
            return { http: requestContext.response.http, body: { kind: 'single', singleResult: kept } };
          }
          const pending = computing.get(key);
          if (pending !== undefined) {
            const shared = await pending;
            if (shared !== undefined) {
              answerWith(requestContext, 'shared');
              return { http: requestContext.response.http, body: { kind: 'single', singleResult: shared } };
            }
          } else {
            computing.set(key, new Promise((resolve) => (done = resolve)));
          }
          // Not shared: the first to ask, or its answer could not be passed on (not a single result).
          return compute(requestContext, 'miss');
        },
        async willSendResponse(requestContext: GraphQLRequestContextWillSendResponse<GatewayContext>) {
          if (key === undefined || done === undefined || keyOf === undefined) return;
          const { response } = requestContext;
          const result = response.body.kind === 'single' && (response.http.status ?? 200) === 200 ? response.body.singleResult : undefined;
          // Kept under the versions of the subgraphs of its plan (learnt while it ran, when it was not known before).
          const plan = plans.get(operationKey(requestContext));
          const keepAs = plan === undefined ? key : plan.keep ? keyOf(plan.subgraphs) : undefined;
          if (keepAs !== undefined && result !== undefined && (result.errors === undefined || result.errors.length === 0) && result.data != null) answers.set(keepAs, result);
          computing.delete(key);
          done(result);
        },
      };
    },
  };
  return {
    plugin,
    didResolveQueryPlan: ({ queryPlan, requestContext }) => {
      if (requestContext.operation.operation === 'query') plans.set(operationKey(requestContext), planFacts(queryPlan));
    },
    clear,
  };
}
