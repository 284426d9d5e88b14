import { execFile, spawn } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { AGENCIES } from '@soilgraph/db';
import { createTestDatabase, TEST_AUTH_ENV, type TestDatabase, testDatabaseUrl } from '../../testkit/src/index.ts';
import { currentTraceId, injectTraceContext, startTracing, tracingEnabled, tracingEnvSchema } from '../src/tracing.ts';
import { freePort, startSubgraphProcess, stopProcess, type SubgraphProcess, waitFor } from './support.ts';

// OpenTelemetry tracing (tracing.ts), off unless OTEL_TRACING=true. On: the gateway and a
// subgraph, each its own process the way their containers run them, export their spans to a
// collector (here a stand-in OTLP/HTTP receiver) and the subgraph's spans continue the
// gateway's trace. Off: nothing is loaded and nothing is exported.

const root = path.resolve(import.meta.dirname, '../../..');

interface ExportedSpan {
  service: string;
  scope: string;
  name: string;
  kind: number;
  traceId: string;
  spanId: string;
  /** Absent on a root span. */
  parentSpanId?: string;
}

interface OtlpBody {
  resourceSpans?: {
    resource?: { attributes?: { key: string; value: { stringValue?: string } }[] };
    scopeSpans?: { scope?: { name?: string }; spans?: Omit<ExportedSpan, 'service' | 'scope'>[] }[];
  }[];
}

/** A stand-in collector: accepts OTLP/HTTP JSON on POST /v1/traces and keeps the spans. */
async function startReceiver(): Promise<{ url: string; requests: () => number; spans: ExportedSpan[]; close(): Promise<void> }> {
  const spans: ExportedSpan[] = [];
  let requests = 0;
  const server: Server = createServer(async (req, res) => {
    let raw = '';
    for await (const chunk of req) raw += chunk;
    if (req.method !== 'POST' || req.url !== '/v1/traces') {
      res.writeHead(404).end();
      return;
    }
    requests += 1;
    // OTLP/HTTP JSON, as the exporter sends it (a protobuf body would not parse).
    let body: OtlpBody;
    try {
      body = JSON.parse(raw) as OtlpBody;
    } catch {
      res.writeHead(400).end();
      return;
    }
    for (const resourceSpans of body.resourceSpans ?? []) {
      const service = resourceSpans.resource?.attributes?.find((a) => a.key === 'service.name')?.value.stringValue ?? '?';
      for (const scopeSpans of resourceSpans.scopeSpans ?? []) {
        for (const span of scopeSpans.spans ?? []) spans.push({ ...span, service, scope: scopeSpans.scope?.name ?? '?' });
      }
    }
    res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests: () => requests,
    spans,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The gateway as its own process (gateway/dist/index.js, what `pnpm start` runs), planning at `planningUrl`, the other subgraphs unreachable. */
async function startGatewayProcess(planningUrl: string, env: Record<string, string>): Promise<SubgraphProcess> {
  const port = await freePort();
  const base = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('DATABASE_URL') && !name.startsWith('OTEL_')));
  const subgraphs = Object.fromEntries(AGENCIES.map((a) => [`SUBGRAPH_${a.toUpperCase()}_URL`, a === 'planning' ? planningUrl : `http://127.0.0.1:9/${a}`]));
  const child = spawn(process.execPath, ['gateway/dist/index.js'], {
    cwd: root,
    env: { ...base, ...TEST_AUTH_ENV, LOG_LEVEL: 'warn', NODE_ENV: 'production', HOST: '127.0.0.1', ...subgraphs, ...env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  const gateway: SubgraphProcess = {
    child,
    base: `http://127.0.0.1:${port}`,
    output: () => output,
    exited,
    running: () => child.exitCode === null && child.signalCode === null,
  };
  await waitFor(async () => (await fetch(`${gateway.base}/healthz`).catch(() => undefined))?.status === 200, 'gateway alive', gateway);
  return gateway;
}

/** SIGTERM, as an orchestrator stops a container; resolves with the exit code. */
async function terminate(service: SubgraphProcess): Promise<number | null> {
  service.child.kill('SIGTERM');
  return (await service.exited).code;
}

const QUERY = '{ district(code: "110105") { code } }';

async function queryGateway(gateway: SubgraphProcess): Promise<{ data?: unknown; errors?: unknown }> {
  const response = await fetch(`${gateway.base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: QUERY }),
  });
  expect(response.status).toBe(200);
  return (await response.json()) as { data?: unknown; errors?: unknown };
}

describe('tracing settings', () => {
  it('are off by default; on, they need the collector endpoint and take a sampling ratio in 0..1', () => {
    expect(tracingEnvSchema.parse({})).toEqual({ OTEL_TRACING: false, OTEL_TRACES_SAMPLER_RATIO: 1 });
    const missing = tracingEnvSchema.safeParse({ OTEL_TRACING: 'true' });
    expect(missing.success).toBe(false);
    expect(missing.error!.issues.map((i) => i.path.join('.'))).toEqual(['OTEL_EXPORTER_OTLP_ENDPOINT']);
    expect(missing.error!.issues[0]!.message).toMatch(/required when OTEL_TRACING is true/);
    expect(tracingEnvSchema.safeParse({ OTEL_TRACING: 'true', OTEL_EXPORTER_OTLP_ENDPOINT: 'collector:4318' }).success).toBe(false);
    expect(tracingEnvSchema.safeParse({ OTEL_TRACES_SAMPLER_RATIO: '1.5' }).success).toBe(false);
    expect(tracingEnvSchema.parse({ OTEL_TRACING: 'true', OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318', OTEL_TRACES_SAMPLER_RATIO: '0.25' })).toEqual({
      OTEL_TRACING: true,
      OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318',
      OTEL_TRACES_SAMPLER_RATIO: 0.25,
    });
  });

  it('off: startTracing does nothing and the helpers pass everything through', async () => {
    const tracing = await startTracing('probe', { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:9' });
    expect(tracing.enabled).toBe(false);
    expect(tracingEnabled()).toBe(false);
    expect(currentTraceId()).toBeUndefined();
    const headers = new Headers();
    injectTraceContext(headers);
    expect([...headers.keys()]).toEqual([]);
    await tracing.stop();
  });

  it('off: no OpenTelemetry SDK is loaded; on: it is (a process of its own each)', async () => {
    // Which @opentelemetry packages a fresh process has loaded after startTracing.
    const probe = async (env: Record<string, string>) => {
      const script = [
        "import { createRequire } from 'node:module';",
        "import { startTracing } from './packages/server-kit/src/tracing.ts';",
        "const tracing = await startTracing('probe', process.env);",
        'const loaded = Object.keys(createRequire(import.meta.url).cache).filter((file) => file.includes("@opentelemetry"));',
        "await tracing.stop();",
        'console.log(JSON.stringify({ enabled: tracing.enabled, loaded }));',
      ].join('\n');
      const base = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('OTEL_')));
      const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: root, env: { ...base, ...env } });
      return JSON.parse(stdout.trim().split('\n').at(-1)!) as { enabled: boolean; loaded: string[] };
    };
    const packages = (files: string[]) => [...new Set(files.map((f) => /.*node_modules\/@opentelemetry\/([^/]+)\//.exec(f)?.[1]))];
    const off = await probe({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:9' });
    expect(off.enabled).toBe(false);
    // Only the API, which prom-client (metrics.ts) loads in every service anyway; no SDK, no exporter.
    expect(packages(off.loaded).filter((name) => name !== 'api')).toEqual([]);
    const on = await probe({ OTEL_TRACING: 'true', OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:9' });
    expect(on.enabled).toBe(true);
    expect(packages(on.loaded)).toEqual(expect.arrayContaining(['api', 'sdk-trace-node', 'sdk-trace-base', 'exporter-trace-otlp-http']));
  });
});

describe.runIf(testDatabaseUrl() !== undefined)('tracing across the gateway and a subgraph', () => {
  let database: TestDatabase;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let subgraph: SubgraphProcess | undefined;
  let gateway: SubgraphProcess | undefined;

  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await database?.close();
  });

  beforeAll(async () => {
    receiver = await startReceiver();
  });
  afterEach(async () => {
    await stopProcess(gateway);
    await stopProcess(subgraph);
    gateway = undefined;
    subgraph = undefined;
    receiver.spans.length = 0;
  });
  afterAll(async () => {
    await receiver?.close();
  });

  it("on: the subgraph's spans continue the gateway's trace, and the last spans are exported at shutdown", async () => {
    // LOG_LEVEL info: the request lines carry the trace id.
    const tracing = { OTEL_TRACING: 'true', OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url, LOG_LEVEL: 'info' };
    subgraph = await startSubgraphProcess('planning', { DATABASE_URL: database.url!, ...tracing });
    gateway = await startGatewayProcess(`${subgraph.base}/graphql`, tracing);

    const answer = await queryGateway(gateway);
    expect(answer.errors).toBeUndefined();
    expect(answer.data).toHaveProperty('district');

    // A stopping service exports the spans it still holds (the batch would wait up to 5 s).
    expect(await terminate(gateway)).toBe(0);
    expect(await terminate(subgraph)).toBe(0);
    expect(receiver.requests()).toBeGreaterThan(0);

    const gatewaySpans = receiver.spans.filter((s) => s.service === 'gateway');
    const subgraphSpans = receiver.spans.filter((s) => s.service === 'planning');
    // The gateway's own HTTP span is the root; @apollo/gateway's spans hang under it.
    const entry = gatewaySpans.find((s) => s.name === 'POST /graphql' && !s.parentSpanId);
    expect(entry, JSON.stringify(receiver.spans, null, 1)).toBeDefined();
    const fetchSpan = gatewaySpans.find((s) => s.scope === 'apollo/gateway-js' && s.name === 'gateway.fetch' && s.traceId === entry!.traceId);
    expect(fetchSpan, JSON.stringify(gatewaySpans, null, 1)).toBeDefined();
    expect(gatewaySpans.filter((s) => s.traceId === entry!.traceId).map((s) => s.name)).toEqual(expect.arrayContaining(['gateway.request', 'gateway.plan', 'gateway.execute']));
    // The subgraph's server span carries the same trace id, its parent the gateway's call to it.
    const served = subgraphSpans.find((s) => s.name === 'POST /graphql');
    expect(served, JSON.stringify(subgraphSpans, null, 1)).toBeDefined();
    expect(served!.kind).toBe(2); // SPAN_KIND_SERVER
    expect(served!.traceId).toBe(entry!.traceId);
    expect(served!.parentSpanId).toBe(fetchSpan!.spanId);
    // Both services' log lines of that request name the trace.
    expect(subgraph.output()).toContain(`"traceId":"${entry!.traceId}"`);
    expect(gateway.output()).toContain(`"traceId":"${entry!.traceId}"`);
    // Health checks are not traced.
    expect(receiver.spans.filter((s) => !s.name.includes('/graphql') && s.scope === '@soilgraph/server-kit')).toEqual([]);
  });

  it('off: the same query exports nothing, though an endpoint is configured', async () => {
    const untraced = { OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url };
    subgraph = await startSubgraphProcess('planning', { DATABASE_URL: database.url!, ...untraced });
    gateway = await startGatewayProcess(`${subgraph.base}/graphql`, untraced);
    const before = receiver.requests();

    const answer = await queryGateway(gateway);
    expect(answer.errors).toBeUndefined();
    expect(await terminate(gateway)).toBe(0);
    expect(await terminate(subgraph)).toBe(0);
    expect(receiver.requests()).toBe(before);
    expect(receiver.spans).toEqual([]);
  });
});
