import { canonicalDistrictCode, isLandUseCode } from '@soilgraph/domain';
import type { BBoxColumns } from '@soilgraph/geo';
import { badUserInput } from './errors.ts';

/** A GB/T 2260 Beijing district code (or pre-2015 alias) made current, or a BAD_USER_INPUT error. */
export function parseDistrictCode(code: string, argumentPath: readonly (string | number)[]): string {
  const current = canonicalDistrictCode(code);
  if (current === undefined) {
    throw badUserInput(`unknown district code ${JSON.stringify(code)}: expected a GB/T 2260 code of a Beijing district, such as "110108"`, argumentPath);
  }
  return current;
}

/** GB/T 21010 codes, first or second level (a first-level code matches its whole class). */
export function parseLandUseCodes(codes: readonly string[], argumentPath: readonly (string | number)[]): string[] {
  codes.forEach((code, i) => {
    if (!isLandUseCode(code)) {
      throw badUserInput(`unknown GB/T 21010 land-use code ${JSON.stringify(code)}`, [...argumentPath, i]);
    }
  });
  return [...codes];
}

export interface BBoxInput {
  minLon: number;
  minLat: number;
  maxLon: number;
  maxLat: number;
}

/** A WGS84 bounding box whose corners are in range and in order. */
export function parseBBox(input: BBoxInput, argumentPath: readonly (string | number)[]): BBoxColumns {
  const { minLon, minLat, maxLon, maxLat } = input;
  const inRange = [minLon, maxLon].every((v) => v >= -180 && v <= 180) && [minLat, maxLat].every((v) => v >= -90 && v <= 90);
  if (!inRange) throw badUserInput('bbox corners must be WGS84 degrees: longitude -180..180, latitude -90..90', argumentPath);
  if (minLon > maxLon || minLat > maxLat) throw badUserInput('bbox must have minLon <= maxLon and minLat <= maxLat', argumentPath);
  return { minLon, minLat, maxLon, maxLat };
}

/** A date range whose start does not come after its end. */
export function parseDateRange(
  range: { from?: string | null; to?: string | null },
  argumentPath: readonly (string | number)[],
): { from: string | undefined; to: string | undefined } {
  const from = range.from ?? undefined;
  const to = range.to ?? undefined;
  if (from !== undefined && to !== undefined && from > to) {
    throw badUserInput(`date range starts (${from}) after it ends (${to})`, argumentPath);
  }
  return { from, to };
}
