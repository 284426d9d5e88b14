import { type ChildProcess, spawn } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_SHUTDOWN_TIMEOUT_MS } from '@soilgraph/server-kit';
import { loadGatewayConfig } from '../src/config.ts';
import { fakeSubgraph, post, unreachableSubgraphs } from './support.ts';

// The gateway as its own process (gateway/dist/index.js, built by the tests' set-up: what `pnpm
// --filter @soilgraph/gateway start` and the container run), stopped with SIGTERM while a request
// is in flight.

const root = path.resolve(import.meta.dirname, '../..');

interface GatewayProcess {
  child: ChildProcess;
  url: string;
  output(): string;
  exited: Promise<number | null>;
}

const started: ChildProcess[] = [];
afterEach(() => {
  for (const child of started.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
});

/** Starts the gateway process and resolves once it listens (its "listening" log line gives the URL). */
async function startGatewayProcess(env: Record<string, string>): Promise<GatewayProcess> {
  // This process's environment without any auth setting: the gateway runs on the development defaults.
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^(AUTH_|GATEWAY_SECRET|SUBGRAPH_)/.test(name)));
  const urls = Object.fromEntries(Object.entries(unreachableSubgraphs).map(([name, url]) => [`SUBGRAPH_${name.toUpperCase()}_URL`, url]));
  const child = spawn(process.execPath, ['gateway/dist/index.js'], {
    cwd: root,
    env: { ...inherited, NODE_ENV: 'development', HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'info', SUPERGRAPH_POLL_INTERVAL_MS: '0', ...urls, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  started.push(child);
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the gateway did not start:\n${output}`)), 50_000);
    const look = () => {
      const listening = output.match(/"url":"([^"]+)"[^\n]*"msg":"listening"/);
      if (listening) {
        clearTimeout(timer);
        resolve(listening[1]!);
      }
    };
    child.stdout!.on('data', look);
    void exited.then(() => reject(new Error(`the gateway exited at start:\n${output}`)));
  });
  return { child, url, output: () => output, exited };
}

/** Whether a new TCP connection to the gateway's port is refused. */
function refusesConnections(url: string): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = net.connect(Number(port), hostname);
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code === 'ECONNREFUSED'));
  });
}

/** A planning subgraph that holds each request until `release()`. */
async function heldPlanning() {
  let received = 0;
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  const subgraph = await fakeSubgraph(async (_body, res) => {
    received += 1;
    await held;
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ data: { district: { name: 'Haidian' } } }));
  });
  return { ...subgraph, received: () => received, release };
}

async function until(check: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('the condition did not hold in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const DISTRICT = '{ district(code: "110108") { name } }';

describe('SIGTERM', () => {
  it('reads SHUTDOWN_TIMEOUT_MS, by default 10 s', () => {
    expect(DEFAULT_SHUTDOWN_TIMEOUT_MS).toBe(10_000);
    expect(loadGatewayConfig({}).shutdownTimeoutMs).toBe(10_000);
    expect(loadGatewayConfig({ SHUTDOWN_TIMEOUT_MS: '2500' }).shutdownTimeoutMs).toBe(2500);
  });

  it('stops accepting connections, lets the request in flight finish, and exits 0', async () => {
    const planning = await heldPlanning();
    try {
      const gateway = await startGatewayProcess({ SUBGRAPH_PLANNING_URL: planning.url, SHUTDOWN_TIMEOUT_MS: '20000' });
      const inFlight = post(gateway.url, { query: DISTRICT });
      await until(() => planning.received() === 1);
      gateway.child.kill('SIGTERM');
      await until(() => gateway.output().includes('"msg":"shutting down"'));
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(await refusesConnections(gateway.url)).toBe(true);
      expect(gateway.child.exitCode).toBeNull(); // still waiting for the request
      planning.release();
      const answer = await inFlight;
      expect(answer.status).toBe(200);
      expect(answer.data).toEqual({ district: { name: 'Haidian' } });
      expect(await gateway.exited).toBe(0);
    } finally {
      planning.release();
      await planning.close();
    }
  });

  it('closes the connections still in flight once SHUTDOWN_TIMEOUT_MS has passed, and exits', async () => {
    const planning = await heldPlanning();
    try {
      const gateway = await startGatewayProcess({ SUBGRAPH_PLANNING_URL: planning.url, SHUTDOWN_TIMEOUT_MS: '500' });
      const inFlight = post(gateway.url, { query: DISTRICT }).then(
        () => 'answered',
        () => 'cut off',
      );
      await until(() => planning.received() === 1);
      const signalled = Date.now();
      gateway.child.kill('SIGTERM');
      expect(await gateway.exited).toBe(0);
      expect(Date.now() - signalled).toBeLessThan(3000);
      expect(await inFlight).toBe('cut off');
      expect(gateway.output()).toContain('closed after the shutdown timeout');
    } finally {
      planning.release();
      await planning.close();
    }
  });
});
