import { REQUEST_ID_HEADER } from '@soilgraph/server-kit';
import cors from 'cors';
import type { RequestHandler } from 'express';
import { TOTAL_COUNT_HEADER } from './exports.ts';

/*
 * Cross-origin access for browser clients (a dashboard served from another origin): only the
 * origins a deployment names may call /graphql and /export from a page; with none named the
 * gateway sends no CORS headers and browsers keep other origins out. Tokens travel in the
 * Authorization header, never in cookies, so credentials are not allowed.
 */

/** The headers a browser may send: the token, the JSON body's type and the caller's request id (README, "Operate"). */
const ALLOWED_HEADERS = ['authorization', 'content-type', REQUEST_ID_HEADER];
/** The headers a page may read: the request id, and an export's file name and row count. */
const EXPOSED_HEADERS = [REQUEST_ID_HEADER, 'content-disposition', TOTAL_COUNT_HEADER];

/** The CORS middleware for these origins (already validated), or undefined when there are none. */
export function corsFor(origins: readonly string[]): RequestHandler | undefined {
  if (origins.length === 0) return undefined;
  return cors({
    origin: [...origins],
    methods: ['GET', 'POST'],
    allowedHeaders: ALLOWED_HEADERS,
    exposedHeaders: EXPOSED_HEADERS,
    credentials: false,
    // Browsers cache a preflight for this long (seconds; Chromium caps it at 7,200).
    maxAge: 600,
  }) as RequestHandler;
}
