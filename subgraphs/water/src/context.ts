import type { Caller } from '@soilgraph/auth';
import type { Database } from '@soilgraph/db';
import { NO_REFERENCE_RESOLVER, type ReferenceResolver } from '@soilgraph/server-kit';
import { createProtectionZoneByIdLoader } from './loaders/protection-zone-by-id.ts';
import { createWaterSourceByIdLoader } from './loaders/water-source-by-id.ts';
import { createWaterSourcePagesByDistrictCodeLoader } from './loaders/water-source-pages-by-district-code.ts';
import { createWaterSourcesByDistrictCodeLoader } from './loaders/water-sources-by-district-code.ts';
import { createZonesByParcelLoader } from './loaders/zones-by-parcel.ts';
import { createZonesByWaterSourceIdLoader } from './loaders/zones-by-water-source-id.ts';

/** Per-request state: the shared database handle and fresh loaders (never shared between requests). */
export interface Context {
  db: Database;
  /** Who is calling, from the token the gateway passed on and this subgraph verified again. */
  caller: Caller;
  /** How a submitted batch's references to other agencies' entities are checked at their owners (server-kit references.ts). */
  references: ReferenceResolver;
  loaders: {
    waterSourceById: ReturnType<typeof createWaterSourceByIdLoader>;
    waterSourcesByDistrictCode: ReturnType<typeof createWaterSourcesByDistrictCodeLoader>;
    protectionZoneById: ReturnType<typeof createProtectionZoneByIdLoader>;
    zonesByWaterSourceId: ReturnType<typeof createZonesByWaterSourceIdLoader>;
    zonesByParcel: ReturnType<typeof createZonesByParcelLoader>;
    // Nested lists: every parent of a request tick shares their statements.
    waterSourcePagesByDistrictCode: ReturnType<typeof createWaterSourcePagesByDistrictCodeLoader>;
  };
}

export function createContext(db: Database, caller: Caller, references: ReferenceResolver = NO_REFERENCE_RESOLVER): Context {
  return {
    db,
    caller,
    references,
    loaders: {
      waterSourceById: createWaterSourceByIdLoader(db),
      waterSourcesByDistrictCode: createWaterSourcesByDistrictCodeLoader(db),
      protectionZoneById: createProtectionZoneByIdLoader(db),
      zonesByWaterSourceId: createZonesByWaterSourceIdLoader(db),
      zonesByParcel: createZonesByParcelLoader(db),
      waterSourcePagesByDistrictCode: createWaterSourcePagesByDistrictCodeLoader(db),
    },
  };
}
