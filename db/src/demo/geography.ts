/**
 * Synthetic geography for the demo data: an approximate bounding box per district
 * ([minLon, minLat, maxLon, maxLat], WGS84) and the share of land in each first-level
 * GB/T 21010 class. Plausible, not surveyed: never use it as real boundaries.
 */
export const DISTRICT_BOXES: Readonly<Record<string, readonly [number, number, number, number]>> = {
  '110101': [116.38, 39.86, 116.44, 39.96],
  '110102': [116.32, 39.87, 116.38, 39.96],
  '110105': [116.44, 39.83, 116.63, 40.08],
  '110106': [116.10, 39.79, 116.37, 39.87],
  '110107': [116.12, 39.89, 116.23, 39.97],
  '110108': [116.06, 39.95, 116.32, 40.15],
  '110109': [115.45, 39.86, 116.10, 40.14],
  '110111': [115.45, 39.50, 116.20, 39.86],
  '110112': [116.63, 39.63, 116.92, 40.00],
  '110113': [116.50, 40.05, 116.95, 40.28],
  '110114': [115.97, 40.15, 116.48, 40.37],
  '110115': [116.25, 39.45, 116.62, 39.79],
  '110116': [116.35, 40.37, 116.80, 41.00],
  '110117': [116.95, 40.05, 117.33, 40.35],
  '110118': [116.70, 40.28, 117.45, 40.75],
  '110119': [115.80, 40.38, 116.33, 40.70],
};

type Profile = 'core' | 'inner' | 'plain' | 'mountain';

export const DISTRICT_PROFILES: Readonly<Record<string, Profile>> = {
  '110101': 'core',
  '110102': 'core',
  '110105': 'inner',
  '110106': 'inner',
  '110107': 'inner',
  '110108': 'inner',
  '110109': 'mountain',
  '110111': 'plain',
  '110112': 'plain',
  '110113': 'plain',
  '110114': 'plain',
  '110115': 'plain',
  '110116': 'mountain',
  '110117': 'mountain',
  '110118': 'mountain',
  '110119': 'mountain',
};

/** Second-level land-use codes with their weight in each district profile. */
export const LAND_USE_MIX: Readonly<Record<Profile, readonly (readonly [string, number])[]>> = {
  core: [['0701', 5], ['0503', 3], ['0803', 2], ['0805', 1], ['0810', 2], ['0601', 0.5]],
  inner: [['0701', 4], ['0601', 2], ['0503', 2], ['0803', 1], ['0810', 1], ['0103', 1], ['0604', 1]],
  plain: [['0102', 4], ['0103', 3], ['0201', 2], ['0101', 0.5], ['0601', 2], ['0701', 2], ['0702', 1], ['0604', 1]],
  mountain: [['0103', 3], ['0201', 3], ['0301', 2], ['0404', 1], ['0102', 1], ['0702', 1], ['0602', 0.5]],
};

/** Planned uses a parcel of a given first-level class may change to. */
export const PLANNED_CHANGES: Readonly<Record<string, readonly string[]>> = {
  '01': ['R2', 'A33', 'G1', 'M1', 'W'],
  '02': ['R2', 'G1', 'B1'],
  '06': ['R2', 'A33', 'A5', 'A6', 'G1', 'B1', 'B2'],
  '07': ['B1', 'A33', 'G1'],
  '05': ['R2', 'B2'],
};
