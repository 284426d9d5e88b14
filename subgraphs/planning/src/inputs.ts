import { parseBBox, parseDistrictCode, parseLandUseCodes } from '@soilgraph/server-kit';
import type { ParcelQuery } from './data/parcels.ts';
import type { ParcelFilter } from './generated/resolvers.ts';

/** Validates a ParcelFilter argument; errors name the offending input path. */
export function parseParcelFilter(filter: ParcelFilter | null | undefined, at: readonly string[] = ['filter']): ParcelQuery {
  const query: ParcelQuery = {};
  if (!filter) return query;
  if (filter.districtCode != null) query.districtCode = parseDistrictCode(filter.districtCode, [...at, 'districtCode']);
  if (filter.landUse != null) query.landUse = parseLandUseCodes(filter.landUse, [...at, 'landUse']);
  if (filter.plannedUse != null) query.plannedUse = [...filter.plannedUse];
  if (filter.bbox != null) query.bbox = parseBBox(filter.bbox, [...at, 'bbox']);
  return query;
}
