import { afterKey } from '@soilgraph/db';
import { and, eq, lt, or, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';

/**
 * Keyset condition for lists sorted newest first: the first column descends, the others
 * (which make the key unique) ascend. "After (h, r...)" is `h < h0 or (h = h0 and (r...) > (r0...))`.
 */
export function afterNewestFirst(head: AnyPgColumn, rest: readonly AnyPgColumn[], key: readonly [unknown, ...unknown[]]): SQL {
  const [headKey, ...restKey] = key;
  return or(lt(head, headKey), and(eq(head, headKey), afterKey(rest, restKey)))!;
}
