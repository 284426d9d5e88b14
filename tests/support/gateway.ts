import type { Agency } from '@soilgraph/db';
import { generateDemoData } from '@soilgraph/db/demo';
import { tokenFor } from '@soilgraph/testkit';
import type { GraphQLFormattedError } from 'graphql';
import { inject } from 'vitest';

export interface GatewayResponse<TData> {
  status: number;
  data?: TData | null;
  errors?: GraphQLFormattedError[];
}

export interface GatewayCallOptions {
  /** Whose token to send: an agency's (with all its scopes), or none. Default: environment. */
  as?: Agency | 'anonymous';
  /** A token of the test's own making, sent instead. */
  token?: string;
}

/** POSTs one operation to the gateway started by tests/global-setup.ts. */
export async function gateway<TData = Record<string, any>>(
  query: string,
  variables?: Record<string, unknown>,
  { as = 'environment', token }: GatewayCallOptions = {},
): Promise<GatewayResponse<TData>> {
  const bearer = token ?? (as === 'anonymous' ? undefined : await tokenFor(as));
  const authorization: Record<string, string> = bearer === undefined ? {} : { authorization: `Bearer ${bearer}` };
  const response = await fetch(inject('gatewayUrl'), {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...authorization },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as Omit<GatewayResponse<TData>, 'status'>;
  return { status: response.status, ...body };
}

/** The demo data the stack was seeded with (default seed, scale 1): the tests' answer key. */
export const demo = generateDemoData();
