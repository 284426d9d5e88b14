import { type ChildProcess, spawn } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import type { Agency } from '@soilgraph/db';
// testkit depends on server-kit; its tests reach it by path rather than by a cyclic dependency.
import { freePort, gatewayHeaders, TEST_AUTH_ENV } from '../../testkit/src/index.ts';

export { freePort };

/*
 * A subgraph as its own process, the way its container runs it (runSubgraphProcess), and a TCP
 * proxy in front of Postgres that a test can take down and bring back: the shared server must keep
 * running for the other tests.
 */

const root = path.resolve(import.meta.dirname, '../../..');


export interface SubgraphProcess {
  child: ChildProcess;
  /** http://127.0.0.1:<port>, without a path. */
  base: string;
  output(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  running(): boolean;
}

/**
 * Starts `subgraphs/<agency>/dist/index.js` (built by the tests' set-up: what `pnpm start` runs) in
 * one node process (no pnpm above it, so that a signal reaches the service itself and its exit
 * code is its own) and waits until /readyz answers 200,
 * unless `ready` is false. `env` comes on top of this process's environment without DATABASE_URL*.
 */
export async function startSubgraphProcess(agency: Agency, env: Record<string, string>, ready = true): Promise<SubgraphProcess> {
  const port = await freePort();
  const base = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('DATABASE_URL')));
  const child = spawn(process.execPath, [`subgraphs/${agency}/dist/index.js`], {
    cwd: root,
    env: { ...base, ...TEST_AUTH_ENV, LOG_LEVEL: 'warn', NODE_ENV: 'production', ...env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  const service: SubgraphProcess = {
    child,
    base: `http://127.0.0.1:${port}`,
    output: () => output,
    exited,
    running: () => child.exitCode === null && child.signalCode === null,
  };
  if (ready) await waitFor(async () => (await fetch(`${service.base}/readyz`).catch(() => undefined))?.status === 200, `${agency} ready`, service);
  return service;
}

/** Kills a service the test started, if it still runs, and waits for it. */
export async function stopProcess(service: SubgraphProcess | undefined): Promise<void> {
  if (service === undefined) return;
  if (service.running()) service.child.kill('SIGKILL');
  await service.exited;
}

/** Polls `check` every 100 ms until it holds; fails after `timeoutMs` or when the service exits. */
export async function waitFor(check: () => Promise<boolean>, what: string, service?: SubgraphProcess, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (service !== undefined && !service.running()) throw new Error(`the service exited while waiting for ${what}:\n${service.output()}`);
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`timed out waiting for ${what}${service ? `:\n${service.output()}` : ''}`);
}

export interface GraphQLAnswer {
  status: number;
  body: { data?: Record<string, any> | null; errors?: { message: string; path?: unknown[]; extensions?: Record<string, unknown> }[] };
}

/** Posts an operation straight to a subgraph process, with the headers the gateway sends for a caller of `agency`. */
export async function post(service: SubgraphProcess, agency: Agency, query: string, variables?: Record<string, unknown>): Promise<GraphQLAnswer> {
  const response = await fetch(`${service.base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(await gatewayHeaders(agency)) },
    body: JSON.stringify({ query, ...(variables ? { variables } : {}) }),
  });
  return { status: response.status, body: (await response.json()) as GraphQLAnswer['body'] };
}

export interface TcpProxy {
  port: number;
  /** The URL with its host and port replaced by the proxy's. */
  via(url: string): string;
  /** Stops listening and cuts every open connection: connecting is refused until `open`. */
  close(): Promise<void>;
  /** Listens again on the same port. */
  open(): Promise<void>;
}

/** A TCP proxy on 127.0.0.1 to `target`. */
export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const upstream = net.connect(target);
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.once('close', () => sockets.delete(socket));
      socket.on('error', () => undefined);
    }
    client.pipe(upstream).pipe(client);
    client.once('close', () => upstream.destroy());
    upstream.once('close', () => client.destroy());
  });
  const listen = (port: number) =>
    new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
  await listen(0);
  const port = (server.address() as net.AddressInfo).port;
  return {
    port,
    via: (url) => {
      const proxied = new URL(url);
      proxied.hostname = '127.0.0.1';
      proxied.port = String(port);
      return proxied.toString();
    },
    close: async () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const socket of sockets) socket.destroy();
      await closed;
    },
    open: () => listen(port),
  };
}
