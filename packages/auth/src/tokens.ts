import { createHash } from 'node:crypto';
import { AGENCIES, type Agency } from '@soilgraph/db';
import { GraphQLError } from 'graphql';
import { errors as joseErrors, type JWTPayload, jwtVerify, SignJWT } from 'jose';
import { LRUCache } from 'lru-cache';
import { z } from 'zod';
import { ANONYMOUS, type Caller, type Scope, SCOPE_ACTIONS } from './caller.ts';
import type { AuthConfig } from './config.ts';

/** The claims a SoilGraph token carries besides iss, aud, exp and nbf. */
const claimsSchema = z.object({
  sub: z.string().min(1, 'sub: the token names no subject'),
  agency: z.enum(AGENCIES, { error: `agency: must be one of ${AGENCIES.join(', ')}` }),
  /** Space-separated, as OAuth 2.0 writes scopes. */
  scope: z.string().default(''),
});

/** An UNAUTHENTICATED error that also sets the HTTP status to 401. */
export function unauthenticated(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });
}

function reasonFor(error: unknown): string {
  if (error instanceof joseErrors.JWTExpired) return 'the token has expired';
  if (error instanceof joseErrors.JWTClaimValidationFailed) return `claim ${error.claim} is not valid (${error.reason})`;
  if (error instanceof joseErrors.JOSEAlgNotAllowed) return 'the token is signed with an algorithm this platform does not accept';
  if (error instanceof joseErrors.JWSSignatureVerificationFailed) return 'the signature does not verify';
  if (error instanceof joseErrors.JWKSNoMatchingKey) return 'no configured key matches the token';
  if (error instanceof joseErrors.JOSEError) return error.message;
  return 'the token cannot be read';
}

/** How many verified tokens (and gateway signatures) a verifier keeps. */
const KEPT_VERIFICATIONS = 10_000;

/** Milliseconds until a verified JWT's `exp` (seconds since the epoch): how long it may be kept. */
function msUntilExpiry(exp: unknown): number {
  return typeof exp === 'number' ? exp * 1000 - Date.now() : 0;
}

/**
 * Verifies the Authorization header of a request: no header is an anonymous caller; a header
 * that does not carry a valid token (signature, algorithm, issuer, audience, expiry, not-before,
 * claims, scopes of its own agency only) is refused with UNAUTHENTICATED and the reason.
 *
 * A token that verifies is kept, by its text, until its `exp` (the clock tolerance is not added),
 * and its caller given again without the signature check: an agency system sends the same token
 * with every request, and the gateway and then each subgraph of the plan verify it. The text is
 * the whole token, signature included, so only that very token is answered from what was kept;
 * refusals are not kept.
 */
export function createTokenVerifier(config: AuthConfig): (authorization: string | undefined) => Promise<Caller> {
  const key = config.key.kind === 'secret' ? config.key.secret : config.key.keys;
  const verified = new LRUCache<string, Caller>({ max: KEPT_VERIFICATIONS });
  return async (authorization) => {
    if (authorization === undefined || authorization === '') return ANONYMOUS;
    const match = /^Bearer ([A-Za-z0-9_\-.]+)$/.exec(authorization);
    if (!match) throw unauthenticated('Invalid Authorization header: expected "Bearer <token>"');
    const token = match[1]!;
    const kept = verified.get(token);
    if (kept !== undefined) return kept;
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, key as Parameters<typeof jwtVerify>[1], {
        issuer: config.issuer,
        audience: config.audience,
        algorithms: config.algorithms,
        clockTolerance: config.clockToleranceSeconds,
        requiredClaims: ['exp', 'sub'],
      }));
    } catch (error) {
      throw unauthenticated(`Invalid token: ${reasonFor(error)}`);
    }
    const claims = claimsSchema.safeParse(payload);
    if (!claims.success) throw unauthenticated(`Invalid token: ${claims.error.issues.map((i) => i.message).join('; ')}`);
    const { sub, agency, scope } = claims.data;
    const scopes = scope.split(' ').filter(Boolean);
    const foreign = scopes.filter((s) => !isScopeOf(agency, s));
    if (foreign.length > 0) throw unauthenticated(`Invalid token: scope ${foreign.join(', ')} is not a scope of agency ${agency}`);
    const caller: Caller = { kind: 'agency', subject: sub, agency, scopes: new Set(scopes as Scope[]) };
    const ttl = msUntilExpiry(payload.exp);
    if (ttl > 0) verified.set(token, caller, { ttl });
    return caller;
  };
}

function isScopeOf(agency: Agency, scope: string): boolean {
  const [owner, action, ...rest] = scope.split(':');
  return rest.length === 0 && owner === agency && (SCOPE_ACTIONS as readonly string[]).includes(action ?? '');
}

export interface MintOptions {
  agency: Agency;
  subject: string;
  scopes: readonly Scope[];
  /** Lifetime, e.g. "1h" or "30d" (jose's time-span syntax). */
  expiresIn: string;
}

/** Signs an HS256 token with the configured secret (development tokens: `pnpm token`). */
export async function mintToken(config: AuthConfig, { agency, subject, scopes, expiresIn }: MintOptions): Promise<string> {
  if (config.key.kind !== 'secret') throw new Error('mintToken: tokens can be minted only with AUTH_SECRET (HS256); a JWKS deployment gets its tokens from its identity provider');
  const foreign = scopes.filter((s) => !isScopeOf(agency, s));
  if (foreign.length > 0) throw new Error(`mintToken: ${foreign.join(', ')} is not a scope of ${agency}`);
  return new SignJWT({ agency, scope: scopes.join(' ') })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(subject)
    .setIssuer(config.issuer)
    .setAudience(config.audience)
    .setIssuedAt()
    .setNotBefore('0s')
    .setExpirationTime(expiresIn)
    .sign(config.key.secret);
}

/** The header that proves a subgraph request comes from the gateway. */
export const GATEWAY_SIGNATURE_HEADER = 'soilgraph-gateway-signature';
const GATEWAY = { issuer: 'soilgraph-gateway', audience: 'soilgraph-subgraph' } as const;

/** Binds the signature to the caller's Authorization header, so it cannot be replayed with another token. */
function authorizationDigest(authorization: string | undefined): string {
  return createHash('sha256')
    .update(authorization ?? '')
    .digest('base64url');
}

/** How long a gateway signature is valid, in seconds. */
const GATEWAY_SIGNATURE_LIFETIME_S = 60;

/** The gateway signs each incoming request once; every subgraph call of that request carries it. */
export function signGatewayRequest(config: AuthConfig, authorization: string | undefined): Promise<string> {
  return new SignJWT({ ath: authorizationDigest(authorization) })
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuer(GATEWAY.issuer)
    .setAudience(GATEWAY.audience)
    .setIssuedAt()
    .setExpirationTime(`${GATEWAY_SIGNATURE_LIFETIME_S}s`)
    .sign(config.gatewaySecret);
}

/**
 * signGatewayRequest, reusing the signature made for the same Authorization header while it has
 * more than half its lifetime left: a caller's requests in a row, and every anonymous request,
 * are then signed once per half-minute instead of once each. The signature is bound to the
 * header, so sharing it among that header's requests lets no one do what they could not before.
 */
export function createGatewaySigner(
  config: AuthConfig,
  { reuseMs = (GATEWAY_SIGNATURE_LIFETIME_S * 1000) / 2, maxHeaders = 10_000 } = {},
): (authorization: string | undefined) => Promise<string> {
  const signed = new LRUCache<string, Promise<string>>({ max: maxHeaders, ttl: reuseMs });
  return (authorization) => {
    const key = authorization ?? '';
    let signature = signed.get(key);
    if (signature === undefined) {
      signature = signGatewayRequest(config, authorization);
      signed.set(key, signature);
      signature.catch(() => signed.delete(key));
    }
    return signature;
  };
}

/**
 * How a subgraph authenticates a request: it must carry the gateway's signature over its
 * Authorization header (subgraphs accept calls from the gateway only), and the token, if any,
 * is verified again. A signature that verifies for a header is kept with that header until it
 * expires (createTokenVerifier keeps tokens the same way): the gateway reuses one signature per
 * header (createGatewaySigner), so each subgraph checks it once rather than at every call.
 */
export function createSubgraphAuthenticator(config: AuthConfig) {
  const verifyToken = createTokenVerifier(config);
  const verified = new LRUCache<string, true>({ max: KEPT_VERIFICATIONS });
  return async (headers: { authorization?: string; signature?: string }): Promise<Caller> => {
    if (!headers.signature) throw unauthenticated('This subgraph accepts requests from the SoilGraph gateway only');
    const pair = `${headers.signature} ${headers.authorization ?? ''}`;
    if (verified.get(pair) === undefined) {
      try {
        const { payload } = await jwtVerify(headers.signature, config.gatewaySecret, {
          issuer: GATEWAY.issuer,
          audience: GATEWAY.audience,
          algorithms: ['HS256'],
          clockTolerance: config.clockToleranceSeconds,
          requiredClaims: ['exp'],
        });
        if (payload.ath !== authorizationDigest(headers.authorization)) throw new Error('the signature was made for another Authorization header');
        const ttl = msUntilExpiry(payload.exp);
        if (ttl > 0) verified.set(pair, true, { ttl });
      } catch {
        throw unauthenticated('This subgraph accepts requests from the SoilGraph gateway only: the gateway signature does not verify');
      }
    }
    return verifyToken(headers.authorization);
  };
}
