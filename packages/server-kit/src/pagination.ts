import { z } from 'zod';
import { badUserInput } from './errors.ts';

/** Page sizes every list shares: `first` defaults to 20 and may not exceed 100. */
export const PAGE_SIZE = { default: 20, max: 100 } as const;

export interface PageArgs {
  first?: number | null;
  after?: string | null;
}

/** A validated page request: how many rows, and the sort key of the last row already seen. */
export interface Page<K extends readonly unknown[]> {
  limit: number;
  after: K | undefined;
}

export function encodeCursor(key: readonly unknown[]): string {
  return Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');
}

/**
 * Validates `first` and `after`. The cursor is decoded and checked against the list's own
 * key shape, so a cursor from another list or a hand-made string is refused, not guessed at.
 */
export function parsePage<K extends readonly unknown[]>(args: PageArgs, cursorKey: z.ZodType<K>): Page<K> {
  const first = args.first ?? PAGE_SIZE.default;
  if (!Number.isInteger(first) || first < 0 || first > PAGE_SIZE.max) {
    throw badUserInput(`first must be an integer from 0 to ${PAGE_SIZE.max}, got ${first}`, ['first']);
  }
  if (args.after === undefined || args.after === null) return { limit: first, after: undefined };
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(args.after, 'base64url').toString('utf8'));
  } catch {
    decoded = undefined;
  }
  const parsed = cursorKey.safeParse(decoded);
  if (!parsed.success) {
    throw badUserInput('after is not a cursor issued by this list; pass an endCursor or cursor from a previous page', [
      'after',
    ]);
  }
  return { limit: first, after: parsed.data };
}

export interface Edge<T> {
  cursor: string;
  node: T;
}

export interface PageInfo {
  hasNextPage: boolean;
  hasPreviousPage: boolean;
  startCursor: string | null;
  endCursor: string | null;
}

export interface Connection<T> {
  edges: Edge<T>[];
  pageInfo: PageInfo;
  /** Resolved only when the query asks for it. */
  totalCount: () => Promise<number>;
}

/**
 * Builds a Relay connection from rows fetched with `limit + 1` (the extra row only tells
 * whether another page exists).
 */
export function toConnection<T, K extends readonly unknown[]>(
  rows: readonly T[],
  page: Page<K>,
  keyOf: (row: T) => K,
  count: () => Promise<number>,
): Connection<T> {
  const visible = rows.slice(0, page.limit);
  const edges = visible.map((node) => ({ cursor: encodeCursor(keyOf(node)), node }));
  return {
    edges,
    pageInfo: {
      hasNextPage: rows.length > page.limit,
      hasPreviousPage: page.after !== undefined,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
    totalCount: count,
  };
}

/** A page of nothing: a nested list whose filter names another parent matches nothing in this one. */
export function emptyConnection<T, K extends readonly unknown[]>(page: Page<K>): Connection<T> {
  return toConnection<T, K>([], page, () => [] as unknown as K, async () => 0);
}
