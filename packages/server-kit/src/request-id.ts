import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import type { RequestHandler } from 'express';
import type { Logger } from 'pino';

/*
 * One id per request, in every log line written while the request is handled (the logger's
 * mixin reads it) and on every call the gateway makes to a subgraph for it, so that one
 * request's lines can be found across all six services. A caller (or a load balancer) may send
 * its own id in the header; anything but a short token is replaced.
 */

export const REQUEST_ID_HEADER = 'x-request-id';
const VALID = /^[A-Za-z0-9._:-]{1,128}$/;

const storage = new AsyncLocalStorage<string>();

/** The id of the request being handled, if any. */
export function currentRequestId(): string | undefined {
  return storage.getStore();
}

/**
 * Takes the caller's x-request-id (or makes one), echoes it in the response, runs the request
 * under it and logs one line when the response is sent (method, path, status, milliseconds).
 */
export function requestIds(logger: Logger): RequestHandler {
  return (req, res, next) => {
    const given = req.get(REQUEST_ID_HEADER);
    const requestId = given !== undefined && VALID.test(given) ? given : randomUUID();
    const started = process.hrtime.bigint();
    res.setHeader(REQUEST_ID_HEADER, requestId);
    res.once('finish', () => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      logger.info({ requestId, method: req.method, path: req.path, status: res.statusCode, ms: Math.round(ms * 10) / 10 }, 'request');
    });
    storage.run(requestId, next);
  };
}
