import type { Database } from '@soilgraph/db';
import { createDistrictByCodeLoader } from './loaders/district-by-code.ts';
import { createParcelByIdLoader } from './loaders/parcel-by-id.ts';

/** Per-request state: the shared database handle and fresh loaders (never shared between requests). */
export interface Context {
  db: Database;
  loaders: {
    districtByCode: ReturnType<typeof createDistrictByCodeLoader>;
    parcelById: ReturnType<typeof createParcelByIdLoader>;
  };
}

export function createContext(db: Database): Context {
  return {
    db,
    loaders: {
      districtByCode: createDistrictByCodeLoader(db),
      parcelById: createParcelByIdLoader(db),
    },
  };
}
