/** Planning's District as environment sees it: its key only. */
export interface DistrictRef {
  code: string;
}

/**
 * Planning's Parcel as environment sees it: its key and, when soilStandard @requires them,
 * planning's land use and planned use.
 */
export interface ParcelRef {
  id: string;
  landUse?: string | null;
  plannedUse?: string | null;
}

/** Water's WaterSource as environment sees it: its key only. */
export interface WaterSourceRef {
  id: string;
}
