import { pino, type Logger } from 'pino';
import { currentRequestId } from './request-id.ts';

export type { Logger } from 'pino';

/** JSON logs on stdout, one `service` field per SoilGraph service, and the `requestId` of the request being handled. */
export function createLogger(service: string, level: string = 'info', destination?: pino.DestinationStream): Logger {
  const options = {
    name: 'soilgraph',
    level,
    base: { service },
    mixin: () => {
      const requestId = currentRequestId();
      return requestId === undefined ? {} : { requestId };
    },
  };
  return destination === undefined ? pino(options) : pino(options, destination);
}
