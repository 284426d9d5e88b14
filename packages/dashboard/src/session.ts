/**
 * Who the dashboard asks as: anonymous (the published view) or a development token pasted at
 * sign-in. The token stays in this tab's sessionStorage; what it claims is shown, not trusted: the
 * gateway verifies it on every request.
 */
export interface Session {
  token: string;
  agency: string;
  subject: string;
  scopes: string[];
  expiresAt: Date | undefined;
}

const STORAGE_KEY = 'soilgraph.token';

/** The claims of a JWT, read without verifying it (the gateway does); undefined when it is no JWT. */
export function readToken(token: string): Session | undefined {
  const payload = token.trim().split('.')[1];
  if (payload === undefined) return undefined;
  try {
    const json = atob(payload.replace(/-/g, '+').replace(/_/g, '/'));
    const claims = JSON.parse(json) as { agency?: unknown; sub?: unknown; scope?: unknown; exp?: unknown };
    if (typeof claims.agency !== 'string') return undefined;
    return {
      token: token.trim(),
      agency: claims.agency,
      subject: typeof claims.sub === 'string' ? claims.sub : '',
      scopes: typeof claims.scope === 'string' ? claims.scope.split(' ').filter(Boolean) : [],
      expiresAt: typeof claims.exp === 'number' ? new Date(claims.exp * 1000) : undefined,
    };
  } catch {
    return undefined;
  }
}

export function storedSession(): Session | undefined {
  const token = sessionStorage.getItem(STORAGE_KEY);
  return token === null ? undefined : readToken(token);
}

export function storeSession(session: Session | undefined): void {
  if (session === undefined) sessionStorage.removeItem(STORAGE_KEY);
  else sessionStorage.setItem(STORAGE_KEY, session.token);
}
