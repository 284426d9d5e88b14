import type { Caller } from '@soilgraph/auth';
import { type Database, dataVersion } from '@soilgraph/db';
import { parcels } from '@soilgraph/db/planning';
import { NO_REFERENCE_RESOLVER, type ReferenceResolver } from '@soilgraph/server-kit';
import { createDistrictByCodeLoader } from './loaders/district-by-code.ts';
import { createLandUseChangeByIdLoader } from './loaders/land-use-change-by-id.ts';
import { createLandUseChangesByParcelIdLoader } from './loaders/land-use-changes-by-parcel-id.ts';
import { createParcelByIdLoader } from './loaders/parcel-by-id.ts';
import { createParcelPagesByDistrictCodeLoader } from './loaders/parcel-pages-by-district-code.ts';
import { createParcelsByDistrictCodeLoader } from './loaders/parcels-by-district-code.ts';
import { createParcelsByZoneLoader } from './loaders/parcels-by-zone.ts';
import { createSensitiveUseChangesByDistrictCodeLoader } from './loaders/sensitive-use-changes-by-district-code.ts';

/** Per-request state: the shared database handle and fresh loaders (never shared between requests). */
export interface Context {
  db: Database;
  /** Who is calling, from the token the gateway passed on and this subgraph verified again. */
  caller: Caller;
  /** How a submitted batch's references to other agencies' entities are checked at their owners (server-kit references.ts). */
  references: ReferenceResolver;
  /** The version of planning's parcels (db's dataVersion), read once per request: results over a zone's parcels are reused while it holds (server-kit's remembered). */
  dataVersion: () => Promise<string>;
  loaders: {
    districtByCode: ReturnType<typeof createDistrictByCodeLoader>;
    parcelById: ReturnType<typeof createParcelByIdLoader>;
    parcelsByDistrictCode: ReturnType<typeof createParcelsByDistrictCodeLoader>;
    parcelsByZone: ReturnType<typeof createParcelsByZoneLoader>;
    landUseChangeById: ReturnType<typeof createLandUseChangeByIdLoader>;
    landUseChangesByParcelId: ReturnType<typeof createLandUseChangesByParcelIdLoader>;
    sensitiveUseChangesByDistrictCode: ReturnType<typeof createSensitiveUseChangesByDistrictCodeLoader>;
    // Nested lists: every parent of a request tick shares their statements.
    parcelPagesByDistrictCode: ReturnType<typeof createParcelPagesByDistrictCodeLoader>;
  };
}

export function createContext(db: Database, caller: Caller, references: ReferenceResolver = NO_REFERENCE_RESOLVER): Context {
  let version: Promise<string> | undefined;
  return {
    db,
    caller,
    references,
    dataVersion: () => (version ??= dataVersion(db, 'planning', [parcels])),
    loaders: {
      districtByCode: createDistrictByCodeLoader(db),
      parcelById: createParcelByIdLoader(db),
      parcelsByDistrictCode: createParcelsByDistrictCodeLoader(db),
      parcelsByZone: createParcelsByZoneLoader(db),
      landUseChangeById: createLandUseChangeByIdLoader(db),
      landUseChangesByParcelId: createLandUseChangesByParcelIdLoader(db),
      sensitiveUseChangesByDistrictCode: createSensitiveUseChangesByDistrictCodeLoader(db),
      parcelPagesByDistrictCode: createParcelPagesByDistrictCodeLoader(db),
    },
  };
}
