import type { Database } from '@soilgraph/db';
import DataLoader from 'dataloader';
import { type AreaGeologyModel, type AreaGeometry, geologyOfAreas } from '../data/area-geology.ts';

/**
 * The geology beneath each area (parcel or protection zone), keyed by typename and id: every
 * area of one _entities call shares its queries.
 */
export function createGeologyByAreaLoader(db: Database) {
  return new DataLoader<AreaGeometry, AreaGeologyModel | null, string>((areas) => geologyOfAreas(db, areas), {
    cacheKeyFn: (area) => area.key,
  });
}
