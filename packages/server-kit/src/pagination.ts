import { z } from 'zod';
import { badUserInput } from './errors.ts';
import { manyByKey } from './loaders.ts';

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

/** Orders two cursor keys value by value, ascending (strings and numbers; a shorter key first on a tie). */
export function compareKeys(a: readonly unknown[], b: readonly unknown[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const x = a[i] as string | number;
    const y = b[i] as string | number;
    if (x < y) return -1;
    if (x > y) return 1;
  }
  return a.length - b.length;
}

/**
 * A page of a list computed in memory (an area's figures from what the gateway sent through
 * @requires), given in list order, which `compare` describes over the rows' keys. The page starts
 * after the row whose key is `page.after`, or where it would be: a page is still right when rows
 * before it have come or gone since the cursor was issued. totalCount is the whole list's length.
 */
export function pageOfList<T, K extends readonly unknown[]>(rows: readonly T[], page: Page<K>, keyOf: (row: T) => K, compare: (a: K, b: K) => number = compareKeys): Connection<T> {
  const after = page.after;
  const found = after === undefined ? 0 : rows.findIndex((row) => compare(keyOf(row), after) > 0);
  const start = found === -1 ? rows.length : found;
  return toConnection(rows.slice(start, start + page.limit + 1), page, keyOf, async () => rows.length);
}

/** A page of nothing: a nested list whose filter names another parent matches nothing in this one. */
export function emptyConnection<T, K extends readonly unknown[]>(page: Page<K>): Connection<T> {
  return toConnection<T, K>([], page, () => [] as unknown as K, async () => 0);
}

/** One parent's page of a nested list (a district's parcels): the parent's key, the list's validated filter and page. */
export interface NestedPageRequest<Q, K extends readonly unknown[]> {
  parent: string;
  query: Q;
  page: Page<K>;
}

/** What a nested list reads, for many parents at once. */
export interface NestedListSource<Q, K extends readonly unknown[], R> {
  /** The first `page.limit + 1` rows of each parent after `page.after`, in list order (db's firstRowsPerParent). */
  pages(parents: readonly string[], query: Q, page: Page<K>): Promise<R[]>;
  /** How many rows each parent holds under the filter; a parent without rows may be left out. */
  counts(parents: readonly string[], query: Q): Promise<Map<string, number>>;
  parentOf(row: R): string;
  keyOf(row: R): K;
}

/** A nested page request's DataLoader cache key: the same parent, filter and page load once per request. */
export function nestedPageCacheKey(request: NestedPageRequest<unknown, readonly unknown[]>): string {
  return JSON.stringify([request.parent, request.query, request.page]);
}

/**
 * The batch function of a nested list's DataLoader. Requests with the same filter and page (one
 * field under many parents) share one statement for their pages and, when any of them is asked
 * its totalCount, one statement for all their counts; requests with other arguments (an alias)
 * form a group of their own. So the statements do not grow with the number of parents.
 */
export async function nestedConnections<Q, K extends readonly unknown[], R>(
  requests: readonly NestedPageRequest<Q, K>[],
  source: NestedListSource<Q, K, R>,
): Promise<Connection<R>[]> {
  const groups = new Map<string, NestedPageRequest<Q, K>[]>();
  for (const request of requests) {
    const key = JSON.stringify([request.query, request.page]);
    const group = groups.get(key) ?? [];
    group.push(request);
    groups.set(key, group);
  }
  const connections = new Map<NestedPageRequest<Q, K>, Connection<R>>();
  await Promise.all(
    [...groups.values()].map(async (group) => {
      const { query, page } = group[0]!;
      const parents = [...new Set(group.map((r) => r.parent))];
      const rows = manyByKey(parents, await source.pages(parents, query, page), source.parentOf);
      const rowsOf = new Map(parents.map((parent, i) => [parent, rows[i]!]));
      // Asked for by the totalCount of any parent, counted for all of them at once.
      let counts: Promise<Map<string, number>> | undefined;
      const countOf = async (parent: string) => (await (counts ??= source.counts(parents, query))).get(parent) ?? 0;
      for (const request of group) {
        connections.set(request, toConnection(rowsOf.get(request.parent)!, page, source.keyOf, () => countOf(request.parent)));
      }
    }),
  );
  return requests.map((request) => connections.get(request)!);
}
