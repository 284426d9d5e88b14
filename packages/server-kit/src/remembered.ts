import { createHash } from 'node:crypto';
import { LRUCache } from 'lru-cache';

/*
 * Results a subgraph computes over a whole area (a district's or the city's soil risk, the
 * parcels inside a protection zone) read every row of the area: the one cost that grows with the
 * data (docs/benchmarks.md). Each process keeps such results and answers from them while both of
 * their inputs are unchanged:
 *
 * - the subgraph's own rows: the data version of the tables read (db's dataVersion, one small
 *   table read per request), which grows with every write to them, whoever wrote it;
 * - what the request brought: the other agencies' facts the gateway sent through @requires (land
 *   use, backgrounds, zone boundaries) and the arguments. A digest of them is part of the key, so
 *   a parcel whose land use planning changed gives another key at once.
 *
 * Nothing of the other agencies' facts is kept but that digest, and nothing can be served stale:
 * the version is read before the result is computed, so a write landing in between only makes the
 * next request compute again. Replicas each keep their own.
 */

/** How many results a process keeps per database: every district and the city for each kind, and the zones and sources of a few pages. */
const MAX_RESULTS = 5_000;

interface Remembered {
  version: string;
  value: unknown;
}

const cachesByDatabase = new WeakMap<object, LRUCache<string, Remembered>>();

function digest(inputs: unknown): string {
  return createHash('sha256').update(JSON.stringify(inputs)).digest('base64url');
}

/**
 * The result `compute` gives for `inputs` (everything it reads that the request brought), from
 * this process's earlier answer when the rows it reads are still at `version`. Results are kept
 * per database (`db`) and `kind`; callers must not change a result they get.
 */
export async function remembered<T>(db: object, kind: string, inputs: unknown, version: Promise<string>, compute: () => Promise<T>): Promise<T> {
  let cache = cachesByDatabase.get(db);
  if (cache === undefined) {
    cache = new LRUCache<string, Remembered>({ max: MAX_RESULTS });
    cachesByDatabase.set(db, cache);
  }
  const key = `${kind}:${digest(inputs)}`;
  const current = await version;
  const hit = cache.get(key);
  if (hit !== undefined && hit.version === current) return hit.value as T;
  const value = await compute();
  cache.set(key, { version: current, value });
  return value;
}
