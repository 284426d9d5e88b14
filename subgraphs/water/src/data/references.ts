import type { Geometry } from '@soilgraph/geo';

/** Planning's District as water sees it: its key only. */
export interface DistrictRef {
  code: string;
}

/** The zones of a district's water sources taken together (GraphQL ProtectionZoneSet): its district's code. */
export interface ProtectionZoneSetRef {
  districtCode: string;
}

/** Planning's Parcel as water sees it: its key and, when a field @requires it, its boundary. */
export interface ParcelRef {
  id: string;
  geometry?: Geometry | null;
}
