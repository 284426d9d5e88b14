import type { Analyte } from '@soilgraph/domain';
import { badUserInput } from '@soilgraph/server-kit';
import type { Geometry } from 'geojson';

/*
 * Other agencies' entities as environment sees them: their key and, where a field of
 * environment's @requires them, the other agencies' fields the gateway sent along in the
 * representation. Environment never stores these; it computes with them and forgets them.
 * Resolvers pass their parent on as these types (graphql-codegen's picked @requires types do not
 * narrow optional fields usefully); `required` checks at run time that a field really came.
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
  parcel?: ParcelRef;
}

/** Water's protection zone, with its level, part, approved polygon and planning's parcels in it when required. */
export interface ProtectionZoneRef {
  id: string;
  level?: 'LEVEL_1' | 'LEVEL_2' | 'QUASI';
  part?: 'WATER' | 'LAND';
  geometry?: Geometry;
  parcels?: ParcelRef[];
}

/** Water's WaterSource, with its zones when required. */
export interface WaterSourceRef {
  id: string;
  zones?: ProtectionZoneRef[];
}

/**
 * A field the gateway should have sent through @requires, or a clear BAD_USER_INPUT naming it:
 * only a caller bypassing the gateway can leave it out.
 */
export function required<T extends object, K extends keyof T>(ref: T, field: K, where: string): NonNullable<T[K]> {
  const value = ref[field];
  if (value === undefined || value === null) {
    throw badUserInput(`${where}: the representation lacks ${String(field)}, which this field @requires from another agency`, ['representations']);
  }
  return value as NonNullable<T[K]>;
}

/** A resolver's parent as the reference type it is at run time (see the note at the top). */
export function asRef<T extends object>(parent: object): T {
  return parent as T;
}
