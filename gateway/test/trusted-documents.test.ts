import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { RunningHttpService } from '@soilgraph/server-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadTrustedDocuments } from '../src/trusted-documents.ts';
import { fakeSubgraph, gatewayFromEnv, post, refusal, send, unreachableSubgraphs } from './support.ts';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

// Two trusted operations: one with the usual id (the sha256 of its text), one with an id of its own.
const DISTRICT_NAME = 'query DistrictName($code: ID!) { district(code: $code) { name } }';
const DISTRICT_CODE = 'query DistrictCode { district(code: "110108") { code } }';
const manifest = {
  format: 'apollo-persisted-query-manifest',
  version: 1,
  operations: [
    { id: sha256(DISTRICT_NAME), name: 'DistrictName', type: 'query', body: DISTRICT_NAME },
    { id: 'district-code-v1', name: 'DistrictCode', type: 'query', body: DISTRICT_CODE },
  ],
};

const dir = mkdtempSync(path.join(tmpdir(), 'trusted-documents-'));
const manifestFile = path.join(dir, 'manifest.json');
writeFileSync(manifestFile, JSON.stringify(manifest));

/** What the planning subgraph was asked: the trusted operations reach it, nothing else does. */
const received: string[] = [];
const planning = fakeSubgraph((body, res) => {
  received.push(body.query);
  res.setHeader('content-type', 'application/json');
  res.end(JSON.stringify({ data: { district: { name: 'Haidian', code: '110108' } } }));
});
let gateway: RunningHttpService;

beforeAll(async () => {
  gateway = await gatewayFromEnv({ TRUSTED_DOCUMENTS: manifestFile }, { ...unreachableSubgraphs, planning: (await planning).url });
});
afterAll(async () => {
  await gateway?.close();
  await (await planning).close();
  rmSync(dir, { recursive: true, force: true });
});

describe('trusted documents mode (TRUSTED_DOCUMENTS)', () => {
  const variables = { code: '110108' };

  it.each([
    ['a documentId "sha256:<hash>"', { documentId: `sha256:${sha256(DISTRICT_NAME)}`, variables }],
    ['a documentId that is the manifest id', { documentId: sha256(DISTRICT_NAME), variables }],
    ['extensions.persistedQuery.sha256Hash', { extensions: { persistedQuery: { version: 1, sha256Hash: sha256(DISTRICT_NAME) } }, variables }],
    ['the full text of a trusted operation', { query: DISTRICT_NAME, variables }],
  ])('runs an operation of the manifest sent as %s', async (_how, body) => {
    received.length = 0;
    const answer = await post(gateway.url, body);
    expect(answer.errors).toBeUndefined();
    expect(answer.data).toEqual({ district: { name: 'Haidian' } });
    expect(received).toHaveLength(1);
  });

  it('finds an operation by a manifest id that is not a hash, and over GET', async () => {
    expect((await post(gateway.url, { documentId: 'district-code-v1' })).data).toEqual({ district: { code: '110108' } });
    const answer = await send(`${gateway.url}?${new URLSearchParams({ documentId: 'district-code-v1' })}`, {
      headers: { accept: 'application/json', 'apollo-require-preflight': 'true' },
    });
    expect(answer.data).toEqual({ district: { code: '110108' } });
  });

  it.each([
    ['text that is not in the manifest', { query: '{ district(code: "110108") { name code } }' }],
    ['an unknown documentId', { documentId: `sha256:${sha256('{ __typename }')}` }],
    ['an unknown persisted query hash', { query: '{ __typename }', extensions: { persistedQuery: { version: 1, sha256Hash: sha256('{ __typename }') } } }],
    ['introspection', { query: '{ __schema { queryType { name } } }' }],
    ['no operation at all', { variables }],
  ])('refuses %s with PERSISTED_QUERY_NOT_FOUND before running anything', async (_what, body) => {
    received.length = 0;
    const answer = await post(gateway.url, body);
    expect(answer.status).toBe(400);
    expect(refusal(answer).extensions).toEqual({ code: 'PERSISTED_QUERY_NOT_FOUND' });
    expect(refusal(answer).message).toMatch(/trusted operations only/);
    expect(received).toEqual([]);
  });

  it('refuses a GET whose text is not trusted', async () => {
    const answer = await send(`${gateway.url}?${new URLSearchParams({ query: '{ district(code: "110108") { code name } }' })}`, {
      headers: { accept: 'application/json', 'apollo-require-preflight': 'true' },
    });
    expect(refusal(answer).extensions).toEqual({ code: 'PERSISTED_QUERY_NOT_FOUND' });
  });

  it('runs the trusted text, never the text sent beside a trusted id', async () => {
    received.length = 0;
    const answer = await post(gateway.url, { documentId: 'district-code-v1', query: '{ district(code: "110101") { name } }' });
    expect(answer.data).toEqual({ district: { code: '110108' } });
    expect(received).toHaveLength(1);
    expect(received[0]).toMatch(/^query DistrictCode__planning__0\{district\(code:"?110108"?\)\{code\}\}$/);
  });

  it('refuses to start with a file that is not a persisted query manifest', () => {
    const wrong = path.join(dir, 'wrong.json');
    writeFileSync(wrong, JSON.stringify({ format: 'apollo-persisted-query-manifest', version: 2, operations: [] }));
    expect(() => loadTrustedDocuments(wrong)).toThrow(/^TRUSTED_DOCUMENTS: .*wrong\.json is not an Apollo persisted query manifest/);
    expect(() => loadTrustedDocuments(path.join(dir, 'missing.json'))).toThrow(/^TRUSTED_DOCUMENTS: cannot read a manifest from/);
  });
});
