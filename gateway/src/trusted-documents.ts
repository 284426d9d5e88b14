import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { RequestHandler, Response } from 'express';
import { z } from 'zod';

/** Apollo's persisted query manifest (what @apollo/generate-persisted-query-manifest writes). */
const manifestSchema = z.object({
  format: z.literal('apollo-persisted-query-manifest'),
  version: z.literal(1),
  operations: z.array(
    z.object({
      id: z.string().min(1),
      name: z.string(),
      type: z.enum(['query', 'mutation', 'subscription']),
      body: z.string().min(1),
    }),
  ),
});

/** The trusted operations' text, by manifest id and by the sha256 of the text. */
export type TrustedDocuments = ReadonlyMap<string, string>;

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/** Reads the manifest named by TRUSTED_DOCUMENTS; throws a message naming the file at fault. */
export function loadTrustedDocuments(path: string): TrustedDocuments {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new Error(`TRUSTED_DOCUMENTS: cannot read a manifest from ${path}: ${(error as Error).message}`);
  }
  const parsed = manifestSchema.safeParse(json);
  if (!parsed.success) {
    throw new Error(`TRUSTED_DOCUMENTS: ${path} is not an Apollo persisted query manifest:\n${z.prettifyError(parsed.error)}`);
  }
  const documents = new Map<string, string>();
  for (const { id, body } of parsed.data.operations) {
    documents.set(id, body);
    documents.set(sha256(body), body);
  }
  return documents;
}

/** One GraphQL request as sent: a POST body (or one item of a batch), or a GET's parameters. */
interface SentRequest {
  query?: unknown;
  documentId?: unknown;
  extensions?: unknown;
}

/**
 * The trusted text of a request: by `documentId` (GraphQL over HTTP; "sha256:<hex>" or the
 * manifest id), by `extensions.persistedQuery.sha256Hash` (Apollo clients), or by the
 * sha256 of the full text sent. Undefined when the operation is not in the manifest.
 */
function trustedText(documents: TrustedDocuments, sent: SentRequest): string | undefined {
  if (typeof sent.documentId === 'string') return documents.get(sent.documentId.replace(/^sha256:/, ''));
  const persisted = (sent.extensions as { persistedQuery?: { sha256Hash?: unknown } } | undefined)?.persistedQuery;
  if (typeof persisted?.sha256Hash === 'string') return documents.get(persisted.sha256Hash);
  if (typeof sent.query === 'string') return documents.get(sha256(sent.query));
  return undefined;
}

/**
 * Turns a trusted request into a plain one for Apollo Server: the manifest's text as `query`,
 * without `documentId` or the persisted query extension (Apollo would treat that as automatic
 * persisted queries, which could register any text).
 */
function withTrustedText(sent: Record<string, unknown>, text: string): void {
  sent.query = text;
  delete sent.documentId;
  if (typeof sent.extensions === 'object' && sent.extensions !== null) delete (sent.extensions as Record<string, unknown>).persistedQuery;
}

function refuse(res: Response): void {
  res.status(400).json({
    errors: [
      {
        message:
          'This gateway runs trusted operations only, and this one is not in its manifest: ' +
          'send the documentId (or extensions.persistedQuery.sha256Hash) of a trusted operation',
        extensions: { code: 'PERSISTED_QUERY_NOT_FOUND' },
      },
    ],
  });
}

/**
 * Trusted documents mode (TRUSTED_DOCUMENTS): only the manifest's operations run; anything
 * else is refused with PERSISTED_QUERY_NOT_FOUND before Apollo Server parses it. Mounted on
 * /graphql after the JSON body parser.
 */
export function trustedDocumentsMiddleware(documents: TrustedDocuments): RequestHandler {
  return (req, res, next) => {
    if (req.method === 'POST') {
      const body: unknown = req.body;
      // Not JSON (text/plain, a form): Apollo refuses it, as CSRF or as a missing body.
      if (typeof body !== 'object' || body === null) return next();
      for (const sent of Array.isArray(body) ? body : [body]) {
        const text = typeof sent === 'object' && sent !== null ? trustedText(documents, sent) : undefined;
        if (text === undefined) return refuse(res);
        withTrustedText(sent, text);
      }
      return next();
    }
    if (req.method === 'GET') {
      const url = new URL(req.url, 'http://gateway');
      const params = url.searchParams;
      let extensions: unknown;
      try {
        extensions = JSON.parse(params.get('extensions') ?? 'null');
      } catch {
        extensions = undefined;
      }
      const sent = { query: params.get('query') ?? undefined, documentId: params.get('documentId') ?? undefined, extensions };
      const text = trustedText(documents, sent);
      if (text === undefined) return refuse(res);
      withTrustedText(sent, text);
      params.set('query', text);
      params.delete('documentId');
      if (typeof sent.extensions === 'object' && sent.extensions !== null) params.set('extensions', JSON.stringify(sent.extensions));
      req.url = `${url.pathname}${url.search}`;
    }
    next();
  };
}
