import { pino, type Logger } from 'pino';

export type { Logger } from 'pino';

/** JSON logs on stdout, one `service` field per SoilGraph service. */
export function createLogger(service: string, level: string = 'info'): Logger {
  return pino({ name: 'soilgraph', level, base: { service } });
}
