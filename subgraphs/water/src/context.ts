import type { Database } from '@soilgraph/db';
import { createProtectionZoneByIdLoader } from './loaders/protection-zone-by-id.ts';
import { createWaterSourceByIdLoader } from './loaders/water-source-by-id.ts';
import { createWaterSourcesByDistrictCodeLoader } from './loaders/water-sources-by-district-code.ts';
import { createZonesByParcelLoader } from './loaders/zones-by-parcel.ts';
import { createZonesByWaterSourceIdLoader } from './loaders/zones-by-water-source-id.ts';

/** Per-request state: the shared database handle and fresh loaders (never shared between requests). */
export interface Context {
  db: Database;
  loaders: {
    waterSourceById: ReturnType<typeof createWaterSourceByIdLoader>;
    waterSourcesByDistrictCode: ReturnType<typeof createWaterSourcesByDistrictCodeLoader>;
    protectionZoneById: ReturnType<typeof createProtectionZoneByIdLoader>;
    zonesByWaterSourceId: ReturnType<typeof createZonesByWaterSourceIdLoader>;
    zonesByParcel: ReturnType<typeof createZonesByParcelLoader>;
  };
}

export function createContext(db: Database): Context {
  return {
    db,
    loaders: {
      waterSourceById: createWaterSourceByIdLoader(db),
      waterSourcesByDistrictCode: createWaterSourcesByDistrictCodeLoader(db),
      protectionZoneById: createProtectionZoneByIdLoader(db),
      zonesByWaterSourceId: createZonesByWaterSourceIdLoader(db),
      zonesByParcel: createZonesByParcelLoader(db),
    },
  };
}
