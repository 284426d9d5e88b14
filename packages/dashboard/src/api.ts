import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { request, SoilGraphError } from '@soilgraph/client';
import { createContext, useContext, useEffect, useState } from 'react';
import type { Session } from './session.ts';

/** Where the gateway is (config.json, written by the server that serves the dashboard) and who asks. */
export interface Api {
  gatewayUrl: string;
  session: Session | undefined;
  /** Called when the gateway refuses the token (expired, or signed by another key). */
  onUnauthenticated: (message: string) => void;
}

export const ApiContext = createContext<Api | undefined>(undefined);

export async function loadGatewayUrl(): Promise<string> {
  const response = await fetch('config.json');
  if (!response.ok) throw new Error(`config.json: HTTP ${response.status}`);
  const { gatewayUrl } = (await response.json()) as { gatewayUrl: string };
  return gatewayUrl;
}

export type Result<T> =
  | { state: 'loading' }
  | { state: 'failed'; message: string }
  /** `forbidden`: the response paths the caller may not read (FORBIDDEN), as "a.b.0.c"; the rest of the answer stands. */
  | { state: 'done'; data: T; forbidden: ReadonlySet<string> };

/** Runs an operation of src/generated.ts whenever its variables or the session change. */
export function useQuery<TData, TVariables extends Record<string, unknown>>(
  document: TypedDocumentNode<TData, TVariables>,
  variables: TVariables,
  { skip = false }: { skip?: boolean } = {},
): Result<TData> {
  const api = useContext(ApiContext)!;
  const [result, setResult] = useState<Result<TData>>({ state: 'loading' });
  const key = JSON.stringify(variables);
  const token = api.session?.token;
  useEffect(() => {
    if (skip) return;
    const controller = new AbortController();
    setResult({ state: 'loading' });
    request(document, variables, { url: api.gatewayUrl, token, signal: controller.signal }).then(
      (data) => setResult({ state: 'done', data, forbidden: new Set() }),
      (error: unknown) => {
        if (controller.signal.aborted) return;
        if (error instanceof SoilGraphError) {
          if (error.status === 401 && error.hasCode('UNAUTHENTICATED') && token !== undefined) api.onUnauthenticated(error.errors[0]!.message);
          // A field the caller lacks the scope for is null with FORBIDDEN at its path: show the rest.
          if (error.data != null && error.codes.every((c) => c === 'FORBIDDEN')) {
            const forbidden = new Set(error.errors.map((e) => (e.path ?? []).join('.')));
            setResult({ state: 'done', data: error.data as TData, forbidden });
            return;
          }
          setResult({ state: 'failed', message: error.errors.map((e) => `${e.code ?? 'ERROR'}: ${e.message}`).join('; ') });
          return;
        }
        setResult({ state: 'failed', message: `The gateway could not be reached: ${(error as Error).message}` });
      },
    );
    return () => controller.abort();
    // The variables are compared by value (key), not by identity.
  }, [document, key, token, api.gatewayUrl, skip]);
  return result;
}
