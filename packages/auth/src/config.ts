import { createSecretKey, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createLocalJWKSet, createRemoteJWKSet, type JSONWebKeySet } from 'jose';
import { z } from 'zod';

/**
 * The development secrets `pnpm start` and `pnpm token` use when none is configured. They are
 * public (they are in this file), so a production configuration refuses them.
 */
export const DEVELOPMENT_SECRETS = {
  AUTH_SECRET: 'soilgraph-development-token-secret-not-for-deployment',
  GATEWAY_SECRET: 'soilgraph-development-gateway-secret-not-for-deployment',
} as const;

const ASYMMETRIC = ['RS256', 'RS384', 'RS512', 'PS256', 'ES256', 'ES384', 'EdDSA'] as const;
const secret = z.string().min(32, 'must be at least 32 characters');

/** The settings of token verification, read by the gateway and by every subgraph. */
export const authEnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  AUTH_ISSUER: z.string().min(1).default('soilgraph'),
  AUTH_AUDIENCE: z.string().min(1).default('soilgraph'),
  /** HS256 shared secret (development and small deployments). */
  AUTH_SECRET: secret.optional(),
  /** A JSON Web Key Set for RS256/ES256 tokens, by URL or file. */
  AUTH_JWKS_URL: z.url().optional(),
  AUTH_JWKS_FILE: z.string().min(1).optional(),
  /** Comma-separated algorithm allow-list; default HS256 with a secret, RS256,ES256 with a JWKS. */
  AUTH_ALGORITHMS: z.string().optional(),
  /** Seconds of clock skew tolerated on exp and nbf. */
  AUTH_CLOCK_TOLERANCE_S: z.coerce.number().int().min(0).max(300).default(5),
  /** Shared by the gateway and the subgraphs: the gateway signs each subgraph call with it. */
  GATEWAY_SECRET: secret.optional(),
});

export type AuthEnv = z.output<typeof authEnvSchema>;

export type VerificationKey = { kind: 'secret'; secret: KeyObject } | { kind: 'jwks'; keys: ReturnType<typeof createLocalJWKSet> };

export interface AuthConfig {
  issuer: string;
  audience: string;
  algorithms: string[];
  key: VerificationKey;
  clockToleranceSeconds: number;
  gatewaySecret: KeyObject;
  /** True when the public development secrets are in use (never in production). */
  developmentSecrets: boolean;
}

/** Turns parsed settings into a verification configuration; throws a message naming the setting at fault. */
export function authConfigFromEnv(env: AuthEnv): AuthConfig {
  const production = env.NODE_ENV === 'production';
  const jwksSources = [env.AUTH_JWKS_URL, env.AUTH_JWKS_FILE].filter((v) => v !== undefined);
  if (jwksSources.length > 1) throw new Error('AUTH_JWKS_URL and AUTH_JWKS_FILE: set one of them, not both');
  if (jwksSources.length === 1 && env.AUTH_SECRET !== undefined) throw new Error('AUTH_SECRET and AUTH_JWKS_*: set one way of verifying tokens, not both');
  for (const name of ['AUTH_SECRET', 'GATEWAY_SECRET'] as const) {
    if (production && env[name] === DEVELOPMENT_SECRETS[name]) throw new Error(`${name}: the development secret is public; set your own in production`);
  }
  if (production && env.AUTH_SECRET === undefined && jwksSources.length === 0) throw new Error('AUTH_SECRET or AUTH_JWKS_URL / AUTH_JWKS_FILE: required in production');
  if (production && env.GATEWAY_SECRET === undefined) throw new Error('GATEWAY_SECRET: required in production');

  // Key objects made once: jose would otherwise import the raw bytes on every sign and verify.
  const encode = (value: string) => createSecretKey(Buffer.from(value, 'utf8'));
  let key: VerificationKey;
  if (env.AUTH_JWKS_URL !== undefined) {
    key = { kind: 'jwks', keys: createRemoteJWKSet(new URL(env.AUTH_JWKS_URL)) as unknown as ReturnType<typeof createLocalJWKSet> };
  } else if (env.AUTH_JWKS_FILE !== undefined) {
    let jwks: JSONWebKeySet;
    try {
      jwks = JSON.parse(readFileSync(env.AUTH_JWKS_FILE, 'utf8')) as JSONWebKeySet;
    } catch (error) {
      throw new Error(`AUTH_JWKS_FILE: cannot read a JSON Web Key Set from ${env.AUTH_JWKS_FILE}: ${(error as Error).message}`);
    }
    key = { kind: 'jwks', keys: createLocalJWKSet(jwks) };
  } else {
    key = { kind: 'secret', secret: encode(env.AUTH_SECRET ?? DEVELOPMENT_SECRETS.AUTH_SECRET) };
  }
  const algorithms = env.AUTH_ALGORITHMS?.split(',').map((a) => a.trim()).filter(Boolean) ?? (key.kind === 'secret' ? ['HS256'] : ['RS256', 'ES256']);
  for (const algorithm of algorithms) {
    const allowed = key.kind === 'secret' ? algorithm === 'HS256' : (ASYMMETRIC as readonly string[]).includes(algorithm);
    if (!allowed) throw new Error(`AUTH_ALGORITHMS: ${algorithm} cannot be used with ${key.kind === 'secret' ? 'AUTH_SECRET (HS256 only)' : 'a JWKS (asymmetric algorithms only)'}`);
  }
  return {
    issuer: env.AUTH_ISSUER,
    audience: env.AUTH_AUDIENCE,
    algorithms,
    key,
    clockToleranceSeconds: env.AUTH_CLOCK_TOLERANCE_S,
    gatewaySecret: encode(env.GATEWAY_SECRET ?? DEVELOPMENT_SECRETS.GATEWAY_SECRET),
    developmentSecrets: env.AUTH_SECRET === undefined && jwksSources.length === 0,
  };
}
