import { type ChildProcess, spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { type Agency, AGENCIES } from '@soilgraph/db';
import { buildService, buildServices } from '@soilgraph/server-kit/build';
import { repositoryRoot } from './options.ts';
import { freePort } from '@soilgraph/testkit';

/**
 * One service process, started the way its container starts it: built (`pnpm --filter <package>
 * build`, dist/index.js), then `pnpm --filter <package> start`.
 */
export interface ServiceProcess {
  name: string;
  url: string;
  child: ChildProcess;
  output(): string;
  /** The process that serves (pnpm and sh sit above it). */
  servingPid(): number | undefined;
  stop(): Promise<void>;
}


function childrenOf(pid: number): number[] {
  try {
    return readdirSync(`/proc/${pid}/task`).flatMap((task) =>
      readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number),
    );
  } catch {
    return [];
  }
}

function commandOf(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
  } catch {
    return '';
  }
}

/** The node process that serves: pnpm runs `sh -c node dist/index.js`. So: the deepest descendant that is a node process. */
function servingNodeProcess(pid: number): number | undefined {
  let found: number | undefined;
  let level = [pid];
  while (level.length > 0) {
    const node = level.find((p) => commandOf(p) === 'node');
    if (node !== undefined) found = node;
    level = level.flatMap(childrenOf);
  }
  return found;
}

/** Resident set size in bytes (VmRSS of /proc/<pid>/status), or undefined when the process is gone. */
export function residentBytes(pid: number): number | undefined {
  try {
    const match = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) * 1024 : undefined;
  } catch {
    return undefined;
  }
}

/** Runs a command from the repository root in a process group of its own, so that stop() reaches pnpm and node. */
function startProcess(name: string, url: string, args: string[], env: NodeJS.ProcessEnv, command = 'pnpm', cwd = repositoryRoot): ServiceProcess {
  const child = spawn(command, args, { cwd, detached: true, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const keep = (chunk: Buffer) => {
    output += chunk;
    if (output.length > 100_000) output = output.slice(-50_000);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    name,
    url,
    child,
    output: () => output,
    servingPid: () => (child.exitCode === null && child.pid !== undefined ? servingNodeProcess(child.pid) : undefined),
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) {
        try {
          process.kill(-child.pid!, 'SIGTERM');
        } catch {
          // already gone
        }
        // A service that does not stop within 20 s is killed: the benchmark must not hang.
        const timer = setTimeout(() => {
          try {
            process.kill(-child.pid!, 'SIGKILL');
          } catch {
            // already gone
          }
        }, 20_000);
        await exited;
        clearTimeout(timer);
      }
    },
  };
}

/** Polls a URL until it answers 2xx (a GET, or the POST given), the process exits, or the time is up. */
async function waitUntilReady(service: ServiceProcess, probe: { url: string; init?: RequestInit }, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (service.child.exitCode !== null) break;
    try {
      if ((await fetch(probe.url, probe.init)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${service.name} did not become ready at ${probe.url}:\n${service.output()}`);
}

/** The five subgraphs and our gateway, each its own process. */
export interface RunningFederation {
  subgraphs: Record<Agency, ServiceProcess>;
  gateway: ServiceProcess;
  /** Where each subgraph answers. */
  subgraphUrls: Record<Agency, string>;
  /** The environment every service was started with (without PORT and DATABASE_URL). */
  env: NodeJS.ProcessEnv;
  all: ServiceProcess[];
  stop(): Promise<void>;
}

export interface RunningServices extends RunningFederation {
  hive: ServiceProcess;
}

export interface StartFederationOptions {
  databaseUrl: string;
  authEnv: Record<string, string>;
  /** node --cpu-prof on our gateway, profiles written to this folder. */
  profileDir?: string | undefined;
}

export interface StartServicesOptions extends StartFederationOptions {
  /** Hive Gateway shares identical in-flight subgraph calls (hive-gateway.ts). */
  hiveDeduplicate: boolean;
}

/**
 * The node options our gateway's `start` runs it with (gateway/package.json: `node <options>
 * dist/index.js`, its heap setting): the profiled gateway gets them too, and so does Hive Gateway,
 * to run on the same terms.
 */
export function gatewayNodeOptions(): string[] {
  const { scripts } = JSON.parse(readFileSync(path.join(repositoryRoot, 'gateway/package.json'), 'utf8')) as { scripts: { start: string } };
  const [command, ...args] = scripts.start.split(/\s+/);
  if (command !== 'node' || args.at(-1) !== 'dist/index.js') throw new Error(`gateway/package.json: start is not "node [options] dist/index.js": ${scripts.start}`);
  return args.slice(0, -1);
}

/** The builds of this run's services: each scale starts its own processes from the same files. */
let servicesBuilt: Promise<unknown> | undefined;
let hiveBuilt: Promise<unknown> | undefined;

/**
 * The deployment shape on one machine: each subgraph its own process against Postgres (it migrates
 * its schema as the owner and serves as its agency's role), our gateway its own process in front of
 * them. Settings as README "Configuration" describes them, in production mode.
 */
export async function startFederation({ databaseUrl, authEnv, profileDir }: StartFederationOptions): Promise<RunningFederation> {
  const started: ServiceProcess[] = [];
  const stopAll = async () => {
    for (const service of [...started].reverse()) await service.stop();
  };
  try {
    // What each image's `pnpm --filter <package> build` does, from the code checked out: once a run.
    await (servicesBuilt ??= buildServices(repositoryRoot));
    const ports = Object.fromEntries(await Promise.all(AGENCIES.map(async (a) => [a, await freePort()] as const))) as Record<Agency, number>;
    const urls = Object.fromEntries(AGENCIES.map((a) => [a, `http://127.0.0.1:${ports[a]}/graphql`])) as Record<Agency, string>;
    const subgraphUrlEnv = Object.fromEntries(AGENCIES.map((a) => [`SUBGRAPH_${a.toUpperCase()}_URL`, urls[a]]));
    const base = {
      ...withoutDatabaseUrls(process.env),
      ...authEnv,
      ...subgraphUrlEnv,
      HOST: '127.0.0.1',
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
    };
    const subgraphs = {} as Record<Agency, ServiceProcess>;
    // One after the other: each migrates its own schema at start (a no-op on the seeded database).
    for (const agency of AGENCIES) {
      const service = startProcess(agency, urls[agency], ['--filter', `@soilgraph/${agency}`, 'start'], {
        ...base,
        DATABASE_URL: databaseUrl,
        PORT: String(ports[agency]),
      });
      started.push(service);
      subgraphs[agency] = service;
      await waitUntilReady(service, { url: `http://127.0.0.1:${ports[agency]}/readyz` });
    }

    const gatewayPort = await freePort();
    const gatewayUrl = `http://127.0.0.1:${gatewayPort}/graphql`;
    const gatewayEnv = { ...base, PORT: String(gatewayPort) };
    const gateway =
      profileDir === undefined
        ? startProcess('gateway', gatewayUrl, ['--filter', '@soilgraph/gateway', 'start'], gatewayEnv)
        : // What `pnpm start` in gateway/ runs, as node's own process: Node 20 refuses --cpu-prof in
          // NODE_OPTIONS. The profile is written when the process exits.
          startProcess('gateway', gatewayUrl, [...gatewayNodeOptions(), '--cpu-prof', `--cpu-prof-dir=${profileDir}`, 'dist/index.js'], gatewayEnv, process.execPath, path.join(repositoryRoot, 'gateway'));
    started.push(gateway);
    await waitUntilReady(gateway, { url: `http://127.0.0.1:${gatewayPort}/readyz` });
    return { subgraphs, gateway, subgraphUrls: urls, env: base, all: started, stop: stopAll };
  } catch (error) {
    await stopAll();
    throw error;
  }
}

/** The federation (startFederation) and Hive Gateway, its own process, in front of the same subgraphs. */
export async function startServices({ hiveDeduplicate, ...options }: StartServicesOptions): Promise<RunningServices> {
  const federation = await startFederation(options);
  try {
    // Built like ours, so that neither runs under the TypeScript loader.
    await (hiveBuilt ??= buildService(path.join(repositoryRoot, 'packages/bench'), 'src/hive-gateway.ts'));
    const hivePort = await freePort();
    const hive = startProcess('hive', `http://127.0.0.1:${hivePort}/graphql`, [...gatewayNodeOptions(), 'dist/hive-gateway.js'], {
      ...federation.env,
      PORT: String(hivePort),
      SUBGRAPH_URLS: JSON.stringify(federation.subgraphUrls),
      HIVE_DEDUPLICATE: String(hiveDeduplicate),
    }, process.execPath, path.join(repositoryRoot, 'packages/bench'));
    const all = [...federation.all, hive];
    const stop = async () => {
      await hive.stop();
      await federation.stop();
    };
    try {
      // Hive Gateway loads the supergraph on its first request: ready when a query answers.
      await waitUntilReady(hive, {
        url: hive.url,
        init: { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ __typename }' }) },
      });
    } catch (error) {
      await hive.stop();
      throw error;
    }
    return { ...federation, hive, all, stop };
  } catch (error) {
    await federation.stop();
    throw error;
  }
}

/** This process's environment without DATABASE_URL*: each service gets the URL of this run's database only. */
function withoutDatabaseUrls(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(env).filter(([name]) => !name.startsWith('DATABASE_URL')));
}

/** Samples each process's resident memory while load runs; keeps the largest reading of each, over the run and since the last startWindow(). */
export class RssSampler {
  private readonly peaks = new Map<string, number>();
  private windowPeaks = new Map<string, number>();
  private pids: (readonly [string, number | undefined])[] = [];
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly services: readonly ServiceProcess[]) {}

  start(everyMs = 250): void {
    this.pids = this.services.map((s) => [s.name, s.servingPid()] as const);
    this.timer = setInterval(() => this.sample(), everyMs);
  }

  private sample(): void {
    for (const [name, pid] of this.pids) {
      const bytes = pid === undefined ? undefined : residentBytes(pid);
      if (bytes === undefined) continue;
      if (bytes > (this.peaks.get(name) ?? 0)) this.peaks.set(name, bytes);
      if (bytes > (this.windowPeaks.get(name) ?? 0)) this.windowPeaks.set(name, bytes);
    }
  }

  /** Starts a new window (one phase of one operation): windowPeak reads the largest reading since. */
  startWindow(): void {
    this.windowPeaks = new Map();
    this.sample();
  }

  /** The largest reading since startWindow(), a reading taken now included (a window may be shorter than the sampling interval). */
  windowPeak(name: string): number | undefined {
    this.sample();
    return this.windowPeaks.get(name);
  }

  stop(): Map<string, number> {
    clearInterval(this.timer);
    return new Map(this.peaks);
  }
}

/** Clock ticks a second of /proc/<pid>/stat's CPU times (USER_HZ, 100 on Linux everywhere in practice). */
const TICKS_PER_SECOND = 100;

/** CPU time (user + system) a process has used, in milliseconds, or 0 when it is gone. */
export function cpuMs(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The fields after the command name, which is in parentheses and may hold spaces.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
  } catch {
    return 0;
  }
}

/** CPU milliseconds of each service's serving process (by name) and of each Postgres backend (by pid). */
export interface CpuReading {
  services: Map<string, number>;
  postgres: Map<number, number>;
}

/** Reads the CPU time of each service and of the database's Postgres backends (their pids from pg_stat_activity). */
export async function readCpu(services: readonly ServiceProcess[], postgresPids: () => Promise<number[]>): Promise<CpuReading> {
  const reading: CpuReading = { services: new Map(), postgres: new Map() };
  for (const service of services) {
    const pid = service.servingPid();
    reading.services.set(service.name, pid === undefined ? 0 : cpuMs(pid));
  }
  for (const pid of await postgresPids()) reading.postgres.set(pid, cpuMs(pid));
  return reading;
}

/**
 * CPU milliseconds used between two readings, by service name and 'postgres' for the backends
 * together (a backend that started in between counts from its start; one that ended is lost).
 */
export function cpuBetween(before: CpuReading, after: CpuReading): Map<string, number> {
  const used = new Map<string, number>();
  for (const [name, ms] of after.services) used.set(name, ms - (before.services.get(name) ?? 0));
  let postgres = 0;
  for (const [pid, ms] of after.postgres) postgres += ms - (before.postgres.get(pid) ?? 0);
  used.set('postgres', postgres);
  return used;
}

/**
 * Waits until the services have been idle for a second (together under a tenth of a core): a
 * request the load generator gave up on at the end of a run goes on in the services, and would
 * weigh on the next measurement. Gives up after `maxMs`.
 */
export async function waitForIdle(services: readonly ServiceProcess[], maxMs = 300_000): Promise<void> {
  const deadline = Date.now() + maxMs;
  const total = () => services.reduce((sum, s) => sum + (s.servingPid() === undefined ? 0 : cpuMs(s.servingPid()!)), 0);
  let previous = total();
  while (Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const now = total();
    if (now - previous < 100) return;
    previous = now;
  }
}
