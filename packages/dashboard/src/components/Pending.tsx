import type { ReactNode } from 'react';
import type { Result } from '../api.ts';

/** Shows a result's data when it has come, else that it is loading or why it failed. */
export function Pending<T>({ result, children }: { result: Result<T>; children: (data: T, forbidden: ReadonlySet<string>) => ReactNode }) {
  if (result.state === 'loading') return <p className="loading">Loading…</p>;
  if (result.state === 'failed') return <p className="error" role="alert">{result.message}</p>;
  return <>{children(result.data, result.forbidden)}</>;
}
