import { pino, type Logger } from 'pino';
import { currentRequestId } from './request-id.ts';
import { currentTraceId } from './tracing.ts';

export type { Logger } from 'pino';

/** JSON logs on stdout, one `service` field per SoilGraph service, and the `requestId` of the request being handled. */
export function createLogger(service: string, level: string = 'info', destination?: pino.DestinationStream): Logger {
  const options = {
    name: 'soilgraph',
    level,
    base: { service },
    // The request id in every line of a request; with tracing on (tracing.ts), the trace id too.
    mixin: () => {
      const requestId = currentRequestId();
      const traceId = currentTraceId();
      return { ...(requestId === undefined ? {} : { requestId }), ...(traceId === undefined ? {} : { traceId }) };
    },
  };
  return destination === undefined ? pino(options) : pino(options, destination);
}
