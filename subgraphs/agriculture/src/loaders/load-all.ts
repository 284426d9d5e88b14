import type DataLoader from 'dataloader';

/** Every row a many-rows loader holds for the keys, concatenated in key order; a failed key fails the whole. */
export async function loadAll<R>(loader: DataLoader<string, R[]>, keys: readonly string[]): Promise<R[]> {
  return (await loader.loadMany(keys)).flatMap((result) => {
    if (result instanceof Error) throw result;
    return result;
  });
}
