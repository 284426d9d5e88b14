import type { Geometry } from '@soilgraph/geo';

/** Planning's District as geology sees it: its key only. */
export interface DistrictRef {
  code: string;
}

/** Planning's Parcel as geology sees it: its key and, when a field @requires it, its boundary. */
export interface ParcelRef {
  id: string;
  geometry?: Geometry | null;
}

/** Water's ProtectionZone as geology sees it: its key and, when a field @requires it, its polygon. */
export interface ProtectionZoneRef {
  id: string;
  geometry?: Geometry | null;
}
