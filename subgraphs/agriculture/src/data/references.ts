/** Planning's District as agriculture sees it: its key only. */
export interface DistrictRef {
  code: string;
}

/** Planning's Parcel as agriculture sees it: its key only. */
export interface ParcelRef {
  id: string;
}
