import { type Agency, AGENCIES } from '@soilgraph/db';

/**
 * What a scope lets its holder do, always within the agency its token acts for:
 * `read` its restricted fields, `write` (submit) its data, `audit` read its audit log.
 */
export const SCOPE_ACTIONS = ['read', 'write', 'audit'] as const;
export type ScopeAction = (typeof SCOPE_ACTIONS)[number];
export type Scope = `${Agency}:${ScopeAction}`;


/** Every scope an agency's token may carry. */
export function agencyScopes(agency: Agency): Scope[] {
  return SCOPE_ACTIONS.map((action) => `${agency}:${action}` as const);
}

/** A caller whose token verified: the system or person (subject) and the agency it acts for. */
export interface AgencyCaller {
  kind: 'agency';
  subject: string;
  agency: Agency;
  scopes: ReadonlySet<Scope>;
}

/** A caller without a token: it reads the published, aggregated data only. */
export interface AnonymousCaller {
  kind: 'anonymous';
}

export type Caller = AgencyCaller | AnonymousCaller;

export const ANONYMOUS: AnonymousCaller = Object.freeze({ kind: 'anonymous' });

export function agencyCaller(agency: Agency, subject: string, scopes: Iterable<Scope> = agencyScopes(agency)): AgencyCaller {
  return { kind: 'agency', subject, agency, scopes: new Set(scopes) };
}

export function hasScope(caller: Caller, scope: Scope): boolean {
  return caller.kind === 'agency' && caller.scopes.has(scope);
}
