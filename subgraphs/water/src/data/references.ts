import type { Geometry } from '@soilgraph/geo';

/** Planning's District as water sees it: its key only. */
export interface DistrictRef {
  code: string;
}

/** Planning's Parcel as water sees it: its key and, when a field @requires it, its boundary. */
export interface ParcelRef {
  id: string;
  geometry?: Geometry | null;
}
