import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { exportJWK, generateKeyPair, SignJWT, UnsecuredJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import {
  agencyScopes,
  authConfigFromEnv,
  authEnvSchema,
  createGatewaySigner,
  createSubgraphAuthenticator,
  createTokenVerifier,
  DEVELOPMENT_SECRETS,
  mintToken,
  signGatewayRequest,
} from '../src/index.ts';

const config = authConfigFromEnv(authEnvSchema.parse({}));
const verify = createTokenVerifier(config);
const secret = new TextEncoder().encode(DEVELOPMENT_SECRETS.AUTH_SECRET);

/** A token signed with the development secret; claims and lifetime overridable. */
function sign(claims: Record<string, unknown> = {}, { expires = '5m', notBefore = '0s', audience = 'soilgraph', issuer = 'soilgraph', key = secret } = {}) {
  return new SignJWT({ agency: 'environment', scope: 'environment:read', ...claims })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject('lims-01')
    .setIssuer(issuer)
    .setAudience(audience)
    .setNotBefore(notBefore)
    .setExpirationTime(expires)
    .sign(key);
}

async function refusal(authorization: string): Promise<{ code: unknown; status: unknown; message: string }> {
  const error = await verify(authorization).then(
    () => undefined,
    (e: { message: string; extensions: { code: unknown; http?: { status: unknown } } }) => e,
  );
  if (error === undefined) throw new Error('the token was accepted');
  return { code: error.extensions.code, status: error.extensions.http?.status, message: error.message };
}

describe('token verification', () => {
  it('reads the subject, agency and scopes of a valid token', async () => {
    const caller = await verify(`Bearer ${await sign({ scope: 'environment:read environment:write' })}`);
    expect(caller).toEqual({ kind: 'agency', subject: 'lims-01', agency: 'environment', scopes: new Set(['environment:read', 'environment:write']) });
  });

  it('treats a request without a token as anonymous', async () => {
    expect(await verify(undefined)).toEqual({ kind: 'anonymous' });
  });

  it.each([
    ['an expired token', () => sign({}, { expires: '-1m' }), /expired/],
    ['a token not yet valid', () => sign({}, { notBefore: '10m' }), /nbf/],
    ['a token for another audience', () => sign({}, { audience: 'another-platform' }), /aud/],
    ['a token from another issuer', () => sign({}, { issuer: 'someone-else' }), /iss/],
    ['a token signed with another key', () => sign({}, { key: new TextEncoder().encode('x'.repeat(48)) }), /signature/],
    ['an unsigned token (alg: none)', async () => new UnsecuredJWT({ agency: 'environment', sub: 'x' }).setIssuer('soilgraph').setAudience('soilgraph').setExpirationTime('5m').encode(), /algorithm/],
    ['a token naming an unknown agency', () => sign({ agency: 'finance' }), /agency/],
    ['a token granting another agency’s scope (escalation)', () => sign({ scope: 'environment:read planning:write' }), /planning:write is not a scope of agency environment/],
    ['a token with a made-up scope', () => sign({ scope: 'environment:admin' }), /environment:admin/],
  ])('refuses %s with UNAUTHENTICATED and 401, saying why', async (_name, make, reason) => {
    const refused = await refusal(`Bearer ${await make()}`);
    expect(refused.code).toBe('UNAUTHENTICATED');
    expect(refused.status).toBe(401);
    expect(refused.message).toMatch(reason);
  });

  it('keeps a token that verified until its expiry, and not past it (without clock tolerance here)', async () => {
    const strict = createTokenVerifier(authConfigFromEnv(authEnvSchema.parse({ AUTH_CLOCK_TOLERANCE_S: '0' })));
    const authorization = `Bearer ${await sign({}, { expires: '2s' })}`;
    const first = await strict(authorization);
    // The same caller, kept: not verified and built again.
    expect(await strict(authorization)).toBe(first);
    await new Promise((resolve) => setTimeout(resolve, 2100));
    await expect(strict(authorization)).rejects.toThrow(/expired/);
  });

  it('keeps nothing of a refused token, nor answers another token from a kept one', async () => {
    const kept = `Bearer ${await sign()}`;
    await verify(kept);
    // The same claims signed with another key: refused, although a token of that subject is kept.
    const forged = `Bearer ${await sign({}, { key: new TextEncoder().encode('x'.repeat(48)) })}`;
    await expect(verify(forged)).rejects.toThrow(/signature/);
    await expect(verify(forged)).rejects.toThrow(/signature/);
  });

  it('refuses a token without an expiry', async () => {
    const token = await new SignJWT({ agency: 'environment' }).setProtectedHeader({ alg: 'HS256' }).setSubject('x').setIssuer('soilgraph').setAudience('soilgraph').sign(secret);
    expect((await refusal(`Bearer ${token}`)).message).toMatch(/exp/);
  });

  it('refuses an Authorization header that is not a bearer token', async () => {
    expect((await refusal('Basic dXNlcjpwYXNz')).message).toMatch(/Bearer/);
  });
});

describe('tokens from a JSON Web Key Set (deployments)', () => {
  it('accepts RS256 tokens signed by a key of the set and refuses HS256 tokens, even signed with the key material', async () => {
    const { publicKey, privateKey } = await generateKeyPair('RS256');
    const dir = mkdtempSync(path.join(tmpdir(), 'soilgraph-jwks-'));
    const file = path.join(dir, 'jwks.json');
    writeFileSync(file, JSON.stringify({ keys: [{ ...(await exportJWK(publicKey)), kid: 'k1', alg: 'RS256' }] }));
    const jwksVerify = createTokenVerifier(authConfigFromEnv(authEnvSchema.parse({ AUTH_JWKS_FILE: file })));
    const rs256 = await new SignJWT({ agency: 'water', scope: 'water:write' })
      .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
      .setSubject('water-gis')
      .setIssuer('soilgraph')
      .setAudience('soilgraph')
      .setExpirationTime('5m')
      .sign(privateKey);
    expect(await jwksVerify(`Bearer ${rs256}`)).toMatchObject({ agency: 'water', subject: 'water-gis' });
    await expect(jwksVerify(`Bearer ${await sign()}`)).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
  });
});

describe('configuration', () => {
  it.each([
    [{ NODE_ENV: 'production' }, /AUTH_SECRET or AUTH_JWKS/],
    [{ NODE_ENV: 'production', AUTH_SECRET: DEVELOPMENT_SECRETS.AUTH_SECRET, GATEWAY_SECRET: 'g'.repeat(40) }, /AUTH_SECRET: the development secret is public/],
    [{ NODE_ENV: 'production', AUTH_SECRET: 's'.repeat(40) }, /GATEWAY_SECRET: required/],
    [{ AUTH_SECRET: 's'.repeat(40), AUTH_JWKS_URL: 'https://idp.example/jwks' }, /set one way/],
    [{ AUTH_SECRET: 's'.repeat(40), AUTH_ALGORITHMS: 'RS256' }, /AUTH_ALGORITHMS: RS256/],
  ])('refuses %o naming the setting', (env, message) => {
    expect(() => authConfigFromEnv(authEnvSchema.parse(env))).toThrow(message);
  });

  it('refuses a secret shorter than 32 characters', () => {
    expect(authEnvSchema.safeParse({ AUTH_SECRET: 'short' }).success).toBe(false);
  });
});

describe('minting development tokens', () => {
  it('mints a token the verifier accepts, with the scopes asked for', async () => {
    const token = await mintToken(config, { agency: 'geology', subject: 'survey-app', scopes: agencyScopes('geology'), expiresIn: '1h' });
    expect(await verify(`Bearer ${token}`)).toEqual({ kind: 'agency', agency: 'geology', subject: 'survey-app', scopes: new Set(['geology:read', 'geology:write', 'geology:audit']) });
  });

  it('refuses to mint another agency’s scope', async () => {
    await expect(mintToken(config, { agency: 'geology', subject: 'x', scopes: ['planning:write'], expiresIn: '1h' })).rejects.toThrow(/planning:write/);
  });
});

describe('the gateway signature', () => {
  const authenticate = createSubgraphAuthenticator(config);

  it('admits a request signed by the gateway for its own Authorization header', async () => {
    const authorization = `Bearer ${await sign()}`;
    const caller = await authenticate({ authorization, signature: await signGatewayRequest(config, authorization) });
    expect(caller).toMatchObject({ agency: 'environment', subject: 'lims-01' });
  });

  it('refuses a request without the signature: subgraphs answer the gateway only', async () => {
    await expect(authenticate({ authorization: `Bearer ${await sign()}` })).rejects.toThrow(/gateway only/);
  });

  it('refuses a signature made with another secret', async () => {
    const forged = authConfigFromEnv(authEnvSchema.parse({ GATEWAY_SECRET: 'f'.repeat(40) }));
    await expect(authenticate({ signature: await signGatewayRequest(forged, undefined) })).rejects.toThrow(/does not verify/);
  });

  it('is made once per Authorization header while it has half its life left, then afresh', async () => {
    const signer = createGatewaySigner(config, { reuseMs: 1000 });
    const authorization = `Bearer ${await sign()}`;
    const first = await signer(authorization);
    expect(await signer(authorization)).toBe(first);
    expect(await authenticate({ authorization, signature: first })).toMatchObject({ agency: 'environment' });
    // Another header (here: none, anonymous) has its own, which does not verify for the first.
    const anonymous = await signer(undefined);
    expect(anonymous).not.toBe(first);
    await expect(authenticate({ authorization, signature: anonymous })).rejects.toThrow(/does not verify/);
    // Past the reuse time a new one is made (issued in a later second, so its text differs).
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const later = await signer(authorization);
    expect(later).not.toBe(first);
    expect(await authenticate({ authorization, signature: later })).toMatchObject({ agency: 'environment' });
  });

  it('refuses a signature replayed with another Authorization header, also once it has been admitted for its own', async () => {
    const anonymousSignature = await signGatewayRequest(config, undefined);
    expect(await authenticate({ signature: anonymousSignature })).toEqual({ kind: 'anonymous' });
    await expect(authenticate({ authorization: `Bearer ${await sign({ scope: 'environment:write' })}`, signature: anonymousSignature })).rejects.toThrow(/does not verify/);
  });
});
