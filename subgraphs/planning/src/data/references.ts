import type { Geometry } from '@soilgraph/geo';

/** Water's ProtectionZone as planning sees it: its key and, when a field @requires it, its polygon. */
export interface ProtectionZoneRef {
  id: string;
  geometry?: Geometry | null;
}

/** Water's ProtectionZoneSet (a district's water sources' zones together): its key and, when a field @requires them, its zones. */
export interface ProtectionZoneSetRef {
  districtCode: string;
  zones?: ProtectionZoneRef[];
}
