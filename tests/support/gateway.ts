import { generateDemoData } from '@soilgraph/db/demo';
import type { GraphQLFormattedError } from 'graphql';
import { inject } from 'vitest';

export interface GatewayResponse<TData> {
  status: number;
  data?: TData | null;
  errors?: GraphQLFormattedError[];
}

/** POSTs one operation to the gateway started by tests/global-setup.ts. */
export async function gateway<TData = Record<string, any>>(
  query: string,
  variables?: Record<string, unknown>,
): Promise<GatewayResponse<TData>> {
  const response = await fetch(inject('gatewayUrl'), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as Omit<GatewayResponse<TData>, 'status'>;
  return { status: response.status, ...body };
}

/** The demo data the stack was seeded with (default seed, scale 1): the tests' answer key. */
export const demo = generateDemoData();
