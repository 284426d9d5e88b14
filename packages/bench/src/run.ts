import { mkdtempSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import os from 'node:os';
import path from 'node:path';
import { type AuthConfig, GATEWAY_SIGNATURE_HEADER, signGatewayRequest } from '@soilgraph/auth';
import { type Agency, AGENCIES } from '@soilgraph/db';
import { startStack } from '@soilgraph/stack';
import pg from 'pg';
import { type BenchDatabase, createBenchDatabase } from './database.ts';
import { type LoadResult, runLoad } from './load.ts';
import { type Operation, operationMix, PARCEL_CURSOR_WALK } from './operations.ts';
import type { BenchOptions } from './options.ts';
import { type ProfileSummary, summariseProfile } from './profile.ts';
import { cpuBetween, readCpu, RssSampler, type RunningServices, startServices, waitForIdle } from './services.ts';
import { inspectSql, type OperationSql } from './statements.ts';

/** Where a request goes: our gateway, Hive Gateway, or one subgraph directly. */
export type TargetName = 'gateway' | 'hive' | `subgraph:${Agency}`;

export interface OperationResult {
  operation: Operation;
  /** Why the operation was not measured: our gateway did not answer it (e.g. a subgraph timed out), or it failed on the smaller database. */
  failure?: string;
  sql: OperationSql;
  /** The subgraph that answers the operation alone, with the same data as the gateway, if one does. */
  directAgency: Agency | undefined;
  /** Hive Gateway's answer differs from ours (the first body's data), which would make its figures meaningless. */
  hiveDiffers: string | undefined;
  results: Partial<Record<TargetName, MeasuredLoad>>;
  /** Our gateway's largest RSS (bytes) while this operation's first answers were computed, and while load ran on it. */
  gatewayRss?: { firstAnswers: number | undefined; load: number | undefined };
}

/** A load run with the CPU time each process spent per request meanwhile (ms; 'postgres' is the database's backends). */
export interface MeasuredLoad extends LoadResult {
  cpuPerRequest: Map<string, number>;
}

export interface ScaleResult {
  database: Omit<BenchDatabase, 'drop'>;
  operations: OperationResult[];
  /** Largest resident memory of each process (bytes) while load ran. */
  rss: Map<string, number>;
  profile: ProfileSummary | undefined;
}

export interface RunContext {
  options: BenchOptions;
  auth: AuthConfig;
  authEnv: Record<string, string>;
  tokens: Record<Agency, string>;
  log: (line: string) => void;
}

function callerHeaders(context: RunContext, operation: Operation): Record<string, string> {
  return operation.token === undefined ? {} : { authorization: `Bearer ${context.tokens[operation.token]}` };
}

async function postJson(url: string, headers: Record<string, string>, body: string): Promise<{ status: number; json: any; text: string }> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
  const text = await response.text();
  let json: any;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, json, text };
}

/**
 * The gateway's signature over each caller's Authorization header, for calls straight to a subgraph.
 * A signature is valid for 60 seconds: they are renewed every 20 while load runs.
 */
class GatewaySigner {
  private readonly signatures = new Map<string, string>();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly auth: AuthConfig,
    private readonly authorizations: readonly (string | undefined)[],
  ) {}

  async start(): Promise<void> {
    await this.renew();
    this.timer = setInterval(() => void this.renew(), 20_000);
  }

  private async renew(): Promise<void> {
    for (const authorization of this.authorizations) this.signatures.set(authorization ?? '', await signGatewayRequest(this.auth, authorization));
  }

  headers(caller: Record<string, string>): Record<string, string> {
    return { ...caller, [GATEWAY_SIGNATURE_HEADER]: this.signatures.get(caller.authorization ?? '')! };
  }

  stop(): void {
    clearInterval(this.timer);
  }
}

/** Walks the whole parcel list once, keeping evenly spaced cursors, so that the list operation reads pages from all of it. */
export async function parcelCursors(gatewayUrl: string, headers: Record<string, string>, keep = 200): Promise<string[]> {
  const cursors: string[] = [];
  let after: string | null = null;
  for (;;) {
    const { json, text } = await postJson(gatewayUrl, headers, JSON.stringify({ query: PARCEL_CURSOR_WALK, variables: { after } }));
    const page = json?.data?.parcels?.pageInfo;
    if (page === undefined || json.errors) throw new Error(`walking the parcel list failed: ${text.slice(0, 500)}`);
    if (!page.hasNextPage) break;
    after = page.endCursor as string;
    cursors.push(after);
  }
  const step = Math.max(1, cursors.length / keep);
  const spread: string[] = [];
  for (let i = 0; i < cursors.length; i += step) spread.push(cursors[Math.floor(i)]!);
  return spread;
}

/**
 * Builds the operation mix on this database and inspects each operation's SQL, both through the
 * whole stack run in this process (the code `pnpm start` runs), then stops it.
 */
async function prepareOperations(context: RunContext, database: BenchDatabase, skip: ReadonlyMap<string, string>): Promise<{ operations: Operation[]; sql: Map<string, OperationSql> }> {
  const stack = await startStack({
    database: { kind: 'postgres', urlFor: () => database.url },
    host: '127.0.0.1',
    gatewayPort: 0,
    subgraphPorts: Object.fromEntries(AGENCIES.map((a) => [a, 0])) as Record<Agency, number>,
    demo: false,
    logLevel: 'warn',
    auth: context.auth,
    // Each answer computed, so that its statements are counted (a kept answer reads only the data versions).
    responseCacheMb: 0,
  });
  try {
    const cursors = await parcelCursors(stack.gatewayUrl, { authorization: `Bearer ${context.tokens.planning}` });
    // The first page too, and then pages from all over the list.
    const operations = operationMix(database.districtCodes, [null, ...cursors]).filter((o) => context.options.only?.test(o.name) ?? true);
    if (operations.length === 0) throw new Error(`no operation's name matches ${context.options.only}`);
    const sql = await inspectSql(stack.gatewayUrl, database.url, operations, (o) => callerHeaders(context, o), skip);
    return { operations, sql };
  } finally {
    await stack.stop();
  }
}

/** Which subgraph answers an operation alone, identically: send its first body to each one directly. */
async function findDirectAgency(services: RunningServices, signer: GatewaySigner, operation: Operation, caller: Record<string, string>, expected: unknown): Promise<Agency | undefined> {
  for (const agency of AGENCIES) {
    const { status, json } = await postJson(services.subgraphs[agency].url, signer.headers(caller), operation.bodies[0]!);
    if (status === 200 && json?.errors === undefined && isDeepStrictEqual(json?.data, expected)) return agency;
  }
  return undefined;
}

/** CPU ms per request of the gateway in front (ours or Hive's, whichever ran), the five subgraphs together, and Postgres. */
export function cpuShares(perRequest: Map<string, number>): { gateway: number; subgraphs: number; postgres: number } {
  return {
    gateway: (perRequest.get('gateway') ?? 0) + (perRequest.get('hive') ?? 0),
    subgraphs: AGENCIES.reduce((sum, a) => sum + (perRequest.get(a) ?? 0), 0),
    postgres: perRequest.get('postgres') ?? 0,
  };
}

/** One database with its operations and its running services. */
interface Prepared {
  database: BenchDatabase;
  operations: Operation[];
  sql: Map<string, OperationSql>;
  services: RunningServices;
  sampler: RssSampler;
  /** A connection to the database that finds its backends' pids. */
  monitor: pg.Client;
  profileDir: string | undefined;
  results: OperationResult[];
}

/**
 * Measures one operation on one database at every target: our gateway, Hive Gateway when it
 * answers the operation as ours does, and the one subgraph that answers it alone, if any.
 */
async function measureOperation(context: RunContext, prepared: Prepared, signer: GatewaySigner, operation: Operation, skip: string | undefined): Promise<OperationResult> {
  const { options, log } = context;
  const { services } = prepared;
  const sql = prepared.sql.get(operation.name)!;
  const caller = callerHeaders(context, operation);
  const label = `  scale ${String(prepared.database.scale).padEnd(4)} ${operation.name.padEnd(52)}`;
  // An operation that cannot be answered is reported as such (and fails the run), not measured.
  const failed = (failure: string): OperationResult => {
    log(`${label} FAILED: ${failure.slice(0, 300)}`);
    return { operation, failure, sql, directAgency: undefined, hiveDiffers: undefined, results: {} };
  };
  if (skip !== undefined) return failed(skip);
  if (sql.failure !== undefined) return failed(sql.failure);
  await waitForIdle(services.all);
  // Answers first, to every body: a benchmark of wrong answers measures nothing. (This also
  // computes each body once before the load, as a deployment has after its first requests; the
  // "first answer" column gives that cost.)
  let first: Awaited<ReturnType<typeof postJson>> | undefined;
  let hiveDiffers: string | undefined;
  prepared.sampler.startWindow();
  for (const body of operation.bodies) {
    const ours = await postJson(services.gateway.url, caller, body);
    if (ours.status !== 200 || ours.json?.errors !== undefined) return failed(`our gateway answered ${ours.status}: ${ours.text.slice(0, 600)}`);
    first ??= ours;
    if (hiveDiffers !== undefined) continue;
    const hive = await postJson(services.hive.url, caller, body);
    if (!(hive.status === 200 && hive.json?.errors === undefined && isDeepStrictEqual(hive.json?.data, ours.json.data))) hiveDiffers = hive.text.slice(0, 600);
  }
  const firstAnswersRss = prepared.sampler.windowPeak('gateway');
  const directAgency = await findDirectAgency(services, signer, operation, caller, first!.json.data);

  const targets: [TargetName, string, () => Record<string, string>][] = [['gateway', services.gateway.url, () => caller]];
  // Hive Gateway's figures for an answer it cannot give would be the speed of an error.
  if (hiveDiffers === undefined) targets.push(['hive', services.hive.url, () => caller]);
  if (directAgency) targets.push([`subgraph:${directAgency}`, services.subgraphs[directAgency].url, () => signer.headers(caller)]);
  const gatewayRss: NonNullable<OperationResult['gatewayRss']> = { firstAnswers: firstAnswersRss, load: undefined };
  const result: OperationResult = { operation, sql, directAgency, hiveDiffers, results: {}, gatewayRss };
  // Every target is warmed up before any is measured. The subgraphs serve all of them: warmed and
  // measured one target after the other, the first measured paid for the subgraphs' warming (about
  // a fifth more subgraph CPU per request, whichever gateway went first).
  const loads = targets.map(([name, url, headers]) => ({ name, target: { url, headers, bodies: operation.bodies } }));
  if (options.warmupS > 0) {
    for (const { target } of loads) {
      await waitForIdle(services.all);
      await runLoad(target, { seconds: options.warmupS, connections: options.connections, minResponses: 0 });
    }
  }
  for (const { name, target } of loads) {
    await waitForIdle(services.all);
    if (name === 'gateway') prepared.sampler.startWindow();
    const backends = async () =>
      (await prepared.monitor.query<{ pid: number }>('select pid from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()')).rows.map((r) => r.pid);
    const cpuBefore = await readCpu(services.all, backends);
    const load = await runLoad(target, { seconds: options.durationS, connections: options.connections });
    const used = cpuBetween(cpuBefore, await readCpu(services.all, backends));
    const measured: MeasuredLoad = { ...load, cpuPerRequest: new Map([...used].map(([process, ms]) => [process, ms / Math.max(1, load.requests)])) };
    result.results[name] = measured;
    if (name === 'gateway') gatewayRss.load = prepared.sampler.windowPeak('gateway');
    const cpu = cpuShares(measured.cpuPerRequest);
    log(
      `${label} ${name.padEnd(20)} ${measured.requestsPerSecond.toFixed(1).padStart(8)} req/s  p95 ${measured.p95.toFixed(1).padStart(8)} ms` +
        `  CPU ms/request: gateway ${cpu.gateway.toFixed(1)}, subgraphs ${cpu.subgraphs.toFixed(1)}, Postgres ${cpu.postgres.toFixed(1)}` +
        // Which operation raises our gateway's memory: its largest reading so far.
        (name === 'gateway' ? `, our gateway's RSS ${((gatewayRss.load ?? 0) / 2 ** 20).toFixed(0)} MB (first answers ${((firstAnswersRss ?? 0) / 2 ** 20).toFixed(0)} MB)` : '') +
        (measured.errors > 0 ? `  ${measured.errors} ERRORS: ${measured.firstError?.slice(0, 300)}` : ''),
    );
  }
  if (hiveDiffers !== undefined) log(`${label} hive                 cannot answer it: ${hiveDiffers.slice(0, 200)}`);
  return result;
}

/**
 * The whole run: each database seeded and its SQL inspected in turn, then both sets of services
 * up at once and every operation measured on the smaller and then the larger database before the
 * next operation. Interleaved so, whatever else the machine does meanwhile weighs on both sizes
 * alike, which matters for the 10x / 1x ratios.
 */
export async function runBenchmark(context: RunContext, scales: readonly number[], profileScale: number | undefined): Promise<ScaleResult[]> {
  const { options, log } = context;
  const prepared: Prepared[] = [];
  const authorizations = [undefined, ...AGENCIES.map((a) => `Bearer ${context.tokens[a]}`)];
  const signer = new GatewaySigner(context.auth, authorizations);
  try {
    // Operations that failed on a smaller database are not tried on a larger one: each try costs the timeout.
    const failedBefore = new Map<string, string>();
    for (const scale of scales) {
      log(`scale ${scale}: seeding`);
      const database = await createBenchDatabase(options.databaseUrl, scale, options.seeder, log);
      let services: RunningServices | undefined;
      let monitor: pg.Client | undefined;
      try {
        log(`scale ${scale}: SQL per operation (in-process stack)`);
        const { operations, sql } = await prepareOperations(context, database, failedBefore);
        for (const [name, inspected] of sql) {
          if (inspected.failure !== undefined && !failedBefore.has(name)) {
            failedBefore.set(name, `not tried: it failed at ${database.rows.parcels.toLocaleString('en')} parcels`);
            log(`  ${name} FAILED in the in-process stack: ${inspected.failure.slice(0, 300)}`);
          }
        }
        const profileDir = scale === profileScale ? mkdtempSync(path.join(os.tmpdir(), 'soilgraph-bench-profile-')) : undefined;
        log(`scale ${scale}: starting the services${profileDir ? ` (our gateway with --cpu-prof into ${profileDir})` : ''}`);
        services = await startServices({ databaseUrl: database.url, authEnv: context.authEnv, profileDir, hiveDeduplicate: options.hiveDeduplicate });
        monitor = new pg.Client({ connectionString: database.url, application_name: 'soilgraph-bench-monitor' });
        await monitor.connect();
        prepared.push({ database, operations, sql, services, sampler: new RssSampler(services.all), monitor, profileDir, results: [] });
      } catch (error) {
        await monitor?.end();
        await services?.stop();
        if (!options.keepDatabases) await database.drop();
        throw error;
      }
    }
    await signer.start();
    for (const p of prepared) p.sampler.start();
    const count = prepared[0]!.operations.length;
    for (let i = 0; i < count; i++) {
      let skip: string | undefined;
      for (const p of prepared) {
        const result = await measureOperation(context, p, signer, p.operations[i]!, skip);
        p.results.push(result);
        if (result.failure !== undefined) skip ??= `not tried: it failed at ${p.database.rows.parcels.toLocaleString('en')} parcels`;
      }
    }
    const rss = prepared.map((p) => p.sampler.stop());
    // The gateway writes its CPU profile as it exits: stop the services before reading it.
    for (const p of prepared) await p.services.stop();
    return prepared.map((p, i) => {
      const { drop: _drop, ...database } = p.database;
      return { database, operations: p.results, rss: rss[i]!, profile: p.profileDir ? summariseProfile(p.profileDir) : undefined };
    });
  } finally {
    signer.stop();
    for (const p of prepared) {
      await p.monitor.end();
      await p.services.stop();
      if (options.keepDatabases) log(`  kept ${p.database.url}`);
      else await p.database.drop();
    }
  }
}
