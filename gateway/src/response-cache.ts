import { createHash } from 'node:crypto';
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
 * gateway asks each subgraph for its agency's data version (GET /data-version: one row, bumped in
 * the writing transaction by a trigger on every table, db/src/versions.ts), and answers from an
 * earlier answer to the same operation, variables and caller when all five versions are the ones
 * it was computed at. Any write by anyone (a mutation, the importer, SQL by hand) moves a version,
 * and the next request computes afresh: nothing is served stale, and there is no expiry to tune.
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
 * - An operation whose last computed answer took less than RESPONSE_CACHE_MIN_MS is answered
 *   without the cache: reading five data versions would cost it about as much as computing it
 *   (the README's assessSoil, a page of a list). Its time is measured again at every answer.
 * - Answers are bounded by size in total (RESPONSE_CACHE_MB); each replica keeps its own.
 *
 * The response says what happened in `x-soilgraph-cache` (hit, shared, miss or bypass), and
 * /metrics counts it in soilgraph_gateway_response_cache_total{outcome}.
 */

export const CACHE_HEADER = 'x-soilgraph-cache';
export type CacheOutcome = 'hit' | 'shared' | 'miss' | 'bypass';

/** Operations whose compute time is remembered, to decide whether the cache is worth its reads. */
const MAX_OPERATIONS = 10_000;

/** How long the gateway waits for a subgraph's data version before it answers without the cache. */
const VERSION_TIMEOUT_MS = 1000;

export interface ResponseCacheOptions {
  /** Largest total size of the kept answers, in bytes of JSON; 0 turns the cache off. */
  maxBytes: number;
  /** Operations whose last answer was computed faster than this (ms) skip the cache. */
  minComputeMs: number;
  /** Each subgraph's GraphQL URL; its data version is at /data-version beside it. */
  subgraphUrls: Readonly<Record<string, string>>;
  /** Whether a subgraph is answering (its circuit is closed); the versions are not asked of one that is not. */
  answering: (subgraph: string) => boolean;
}

/** The outcomes counted on /metrics, registered by the caller (startGateway). */
export class ResponseCacheMetrics {
  readonly counter = new Counter({
    name: 'soilgraph_gateway_response_cache_total',
    help: 'Queries the gateway answered from its response cache (hit, shared) or computed (miss; bypass: without the cache, for an operation computed faster than RESPONSE_CACHE_MIN_MS or when a data version could not be read)',
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

/** Every subgraph's data version, by name; undefined when one cannot be read. */
async function dataVersions(urls: readonly [string, string][]): Promise<string | undefined> {
  try {
    const versions = await Promise.all(
      urls.map(async ([name, url]) => {
        const response = await fetch(url, { signal: AbortSignal.timeout(VERSION_TIMEOUT_MS) });
        if (!response.ok) throw new Error(`${name}: ${response.status}`);
        const { version } = (await response.json()) as { version?: unknown };
        if (typeof version !== 'string') throw new Error(`${name}: no version`);
        return `${name}=${version}`;
      }),
    );
    return versions.join(',');
  } catch {
    return undefined;
  }
}

type Answer = FormattedExecutionResult;

export function responseCache({ maxBytes, minComputeMs, subgraphUrls, answering }: ResponseCacheOptions, metrics = new ResponseCacheMetrics()): ApolloServerPlugin<GatewayContext> {
  if (maxBytes === 0) return {};
  const versionUrls = Object.entries(subgraphUrls).map(([name, url]): [string, string] => [name, routeOf(url, DATA_VERSION_PATH)]);
  const answers = new LRUCache<string, Answer>({ maxSize: maxBytes, sizeCalculation: (answer) => Math.max(1, JSON.stringify(answer).length) });
  const computing = new Map<string, Promise<Answer | undefined>>();
  // By operation (its text and name, whatever the variables): how long its last answer took to compute.
  const computeMs = new LRUCache<string, number>({ max: MAX_OPERATIONS });

  return {
    async requestDidStart() {
      let key: string | undefined;
      let done: ((answer: Answer | undefined) => void) | undefined;
      let operation: string | undefined;
      let started = 0;
      const answerWith = (requestContext: { response: { http: { headers: Map<string, string> } } }, outcome: CacheOutcome) => {
        requestContext.response.http.headers.set(CACHE_HEADER, outcome);
        metrics.counter.inc({ outcome });
      };
      /** Leaves the answer to be computed, timed from here to willSendResponse. */
      const compute = (requestContext: Parameters<typeof answerWith>[0], outcome: 'miss' | 'bypass') => {
        answerWith(requestContext, outcome);
        started = performance.now();
        return null;
      };
      return {
        async responseForOperation(requestContext): Promise<GraphQLResponse | null> {
          if (requestContext.operation.operation !== 'query') return null;
          operation = `${requestContext.queryHash}|${requestContext.operationName ?? ''}`;
          if ((computeMs.get(operation) ?? Infinity) < minComputeMs) return compute(requestContext, 'bypass');
          const versions = versionUrls.every(([name]) => answering(name)) ? await dataVersions(versionUrls) : undefined;
          if (versions === undefined) return compute(requestContext, 'bypass');
          const { queryHash, operationName, request, contextValue } = requestContext;
          key = createHash('sha256')
            .update(JSON.stringify([queryHash, operationName ?? null, request.variables ?? {}, callerKey(contextValue.caller), versions]))
            .digest('base64url');
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
        async willSendResponse({ response }: GraphQLRequestContextWillSendResponse<GatewayContext>) {
          const outcome = response.http.headers.get(CACHE_HEADER);
          if (operation !== undefined && (outcome === 'miss' || outcome === 'bypass')) computeMs.set(operation, performance.now() - started);
          if (key === undefined || done === undefined) return;
          const result = response.body.kind === 'single' && (response.http.status ?? 200) === 200 ? response.body.singleResult : undefined;
          if (result !== undefined && (result.errors === undefined || result.errors.length === 0) && result.data != null) answers.set(key, result);
          computing.delete(key);
          done(result);
        },
      };
    },
  };
}
