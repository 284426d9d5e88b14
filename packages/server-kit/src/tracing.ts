import type { RequestHandler } from 'express';
import type * as OtelApi from '@opentelemetry/api';
import { z } from 'zod';
import { type Env, parseEnv } from './config.ts';
import type { Logger } from './logger.ts';

/*
 * OpenTelemetry tracing, off unless OTEL_TRACING=true. When off nothing of OpenTelemetry is
 * loaded here (the SDK and even the API come in by dynamic import only when tracing starts) and
 * the helpers below do nothing. When on, each service registers a tracer provider named after
 * itself that batches spans to an OTLP/HTTP collector (JSON): @apollo/gateway then records its
 * own spans (request, plan, execute, fetch), every service records one server span per
 * /graphql request, and the gateway's calls to the subgraphs carry W3C `traceparent`, so a
 * subgraph's span continues the gateway's trace.
 */

/** The tracing settings every service reads. */
export const tracingEnvSchema = z
  .object({
    OTEL_TRACING: z.stringbool().default(false),
    /** The collector's OTLP/HTTP base URL (spans go to <it>/v1/traces), e.g. http://localhost:4318. */
    OTEL_EXPORTER_OTLP_ENDPOINT: z.url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' }).optional(),
    /** The share of new traces recorded (0..1); a trace begun upstream keeps its caller's decision. */
    OTEL_TRACES_SAMPLER_RATIO: z.coerce.number().min(0).max(1).default(1),
  })
  .superRefine((settings, ctx) => {
    if (settings.OTEL_TRACING && settings.OTEL_EXPORTER_OTLP_ENDPOINT === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['OTEL_EXPORTER_OTLP_ENDPOINT'],
        message: "is required when OTEL_TRACING is true: the collector's OTLP/HTTP URL, e.g. http://localhost:4318",
      });
    }
  });

export type TracingSettings = z.output<typeof tracingEnvSchema>;

export interface Tracing {
  /** Whether spans are recorded and exported. */
  enabled: boolean;
  /** Exports the spans still buffered and stops tracing (at most STOP_TIMEOUT_MS); nothing when off. */
  stop(): Promise<void>;
}

/** How long stop() waits for the last spans to reach the collector before giving up on them. */
const STOP_TIMEOUT_MS = 1500;
/** How long one export may take. */
const EXPORT_TIMEOUT_MS = 5000;

/** The OpenTelemetry API while tracing is on; undefined when off (nothing loaded). */
let api: typeof OtelApi | undefined;

/**
 * Starts tracing for `service` from its settings (OTEL_*; an invalid one exits naming it, as
 * parseEnv does), before the service creates its servers. Off by default: then nothing is loaded.
 */
export async function startTracing(service: string, env: Env, logger?: Logger): Promise<Tracing> {
  const settings = parseEnv(tracingEnvSchema, env, service);
  if (!settings.OTEL_TRACING) return { enabled: false, stop: async () => undefined };
  if (api !== undefined) throw new Error('startTracing: tracing has already been started in this process');

  const [otel, { NodeTracerProvider }, { BatchSpanProcessor, ParentBasedSampler, TraceIdRatioBasedSampler }, { resourceFromAttributes }, { ATTR_SERVICE_NAME }, { OTLPTraceExporter }] =
    await Promise.all([
      import('@opentelemetry/api'),
      import('@opentelemetry/sdk-trace-node'),
      import('@opentelemetry/sdk-trace-base'),
      import('@opentelemetry/resources'),
      import('@opentelemetry/semantic-conventions'),
      import('@opentelemetry/exporter-trace-otlp-http'),
    ]);
  const endpoint = settings.OTEL_EXPORTER_OTLP_ENDPOINT!;
  const url = new URL('v1/traces', endpoint.endsWith('/') ? endpoint : `${endpoint}/`).toString();
  if (logger !== undefined) {
    // The SDK reports failed exports (an unreachable collector) through its diagnostics logger.
    const warn = (message: string, ...args: unknown[]) => logger.warn({ args }, `tracing: ${message}`);
    const ignore = () => undefined;
    otel.diag.setLogger({ error: warn, warn, info: ignore, debug: ignore, verbose: ignore }, otel.DiagLogLevel.WARN);
  }
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ [ATTR_SERVICE_NAME]: service, 'service.namespace': 'soilgraph' }),
    sampler: new ParentBasedSampler({ root: new TraceIdRatioBasedSampler(settings.OTEL_TRACES_SAMPLER_RATIO) }),
    spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter({ url, timeoutMillis: EXPORT_TIMEOUT_MS }))],
  });
  // The global tracer provider (which @apollo/gateway's tracer delegates to), the
  // AsyncLocalStorage context manager and the W3C trace-context and baggage propagators.
  provider.register();
  api = otel;
  logger?.info({ url, samplerRatio: settings.OTEL_TRACES_SAMPLER_RATIO }, 'tracing on: exporting spans over OTLP/HTTP');

  let stopped: Promise<void> | undefined;
  return {
    enabled: true,
    stop: () =>
      (stopped ??= (async () => {
        let timer: NodeJS.Timeout | undefined;
        const deadline = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), STOP_TIMEOUT_MS)));
        try {
          const outcome = await Promise.race([provider.shutdown().then(() => 'done' as const), deadline]);
          if (outcome === 'late') logger?.warn({ timeoutMs: STOP_TIMEOUT_MS }, 'tracing: the last spans were not exported in time');
        } catch (error) {
          logger?.warn({ err: error }, 'tracing: exporting the last spans failed');
        } finally {
          clearTimeout(timer);
          api = undefined;
          otel.trace.disable();
          otel.propagation.disable();
          otel.context.disable();
          otel.diag.disable();
        }
      })()),
  };
}

/** Whether this process records spans (startTracing turned tracing on and it has not stopped). */
export function tracingEnabled(): boolean {
  return api !== undefined;
}

/** The trace id of the span active now, for log lines; undefined when tracing is off or no span is active. */
export function currentTraceId(): string | undefined {
  if (api === undefined) return undefined;
  const span = api.trace.getSpanContext(api.context.active());
  return span !== undefined && api.isSpanContextValid(span) ? span.traceId : undefined;
}

/**
 * Writes the current trace context (W3C `traceparent`, `tracestate`, `baggage`) into the headers
 * of an outgoing call, so that the service called continues the trace. Nothing when tracing is off.
 */
export function injectTraceContext(headers: { set(name: string, value: string): unknown }): void {
  if (api === undefined) return;
  api.propagation.inject(api.context.active(), headers, { set: (carrier, name, value) => void carrier.set(name, value) });
}

/**
 * One SERVER span per request, continuing the caller's trace (its `traceparent`) and active
 * while the request is handled, so the spans made meanwhile (the gateway's) are its children.
 * When tracing is off it only passes the request on.
 */
export function traceRequests(): RequestHandler {
  return (req, res, next) => {
    const otel = api;
    if (otel === undefined) {
      next();
      return;
    }
    const route = `${req.baseUrl}${req.path === '/' ? '' : req.path}` || '/';
    const parent = otel.propagation.extract(otel.ROOT_CONTEXT, req.headers);
    const span = otel.trace.getTracer('@soilgraph/server-kit').startSpan(
      `${req.method} ${route}`,
      { kind: otel.SpanKind.SERVER, attributes: { 'http.request.method': req.method, 'url.path': route, 'http.route': route } },
      parent,
    );
    let ended = false;
    const end = (completed: boolean) => {
      if (ended) return;
      ended = true;
      if (completed) span.setAttribute('http.response.status_code', res.statusCode);
      if (!completed || res.statusCode >= 500) span.setStatus({ code: otel.SpanStatusCode.ERROR, ...(completed ? {} : { message: 'the connection closed before the response was sent' }) });
      span.end();
    };
    res.once('finish', () => end(true));
    res.once('close', () => end(res.writableFinished));
    otel.context.with(otel.trace.setSpan(parent, span), next);
  };
}
