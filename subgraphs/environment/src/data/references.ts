import type { Analyte } from '@soilgraph/domain';
import type { Geometry } from 'geojson';

/*
 * Other agencies' entities as environment sees them: their key and, where a field of
 * environment's @requires them, the other agencies' fields the gateway sent along in the
 * representation. Environment never stores these; it computes with them and forgets them.
 * Resolvers pass their parent on as these types with server-kit's asRef and check required
 * fields with its required.
 */

/** Geology's background value of one analyte in one district (BackgroundValue). */
export interface BackgroundValueRef {
  analyte: Analyte;
  p95MgPerKg: number;
}

/** Planning's District, with its parcels, geology's background values and water's sources when required. */
export interface DistrictRef {
  code: string;
  allParcels?: ParcelRef[];
  backgroundValues?: BackgroundValueRef[];
  allWaterSources?: WaterSourceRef[];
  /** Planning's parcels in the zones of allWaterSources, each once. */
  waterSourceZones?: { parcels?: ParcelRef[] };
  sensitiveUseChanges?: LandUseChangeRef[];
}

/** Planning's City (Beijing, 110000), with its districts and sensitive-use changes when required. */
export interface CityRef {
  code: string;
  districts?: DistrictRef[];
  sensitiveUseChanges?: LandUseChangeRef[];
}

/** Planning's Parcel: its key and, when required, planning's land use, planned use and district. */
export interface ParcelRef {
  id: string;
  landUse?: string | null;
  plannedUse?: string | null;
  district?: DistrictRef;
}

/** Planning's planned-use change case. */
export interface LandUseChangeRef {
  id: string;
  proposedOn?: string;
  parcel?: ParcelRef;
}

/** Water's protection zone, with its level, part, approved polygon and planning's parcels in it when required. */
export interface ProtectionZoneRef {
  id: string;
  level?: 'LEVEL_1' | 'LEVEL_2' | 'QUASI';
  part?: 'WATER' | 'LAND';
  geometry?: Geometry;
  parcels?: ParcelRef[];
  /** Planning's districts of the parcels in the zone, with geology's background values. */
  districts?: DistrictRef[];
}

/** Water's WaterSource, with its zones when required. */
export interface WaterSourceRef {
  id: string;
  zones?: ProtectionZoneRef[];
}
