import { parseBBox, parseDateRange, parseDistrictCode, parseLandUseCodes } from '@soilgraph/server-kit';
import type { LandUseChangeQuery } from './data/land-use-changes.ts';
import type { ParcelQuery } from './data/parcels.ts';
import type { LandUseChangeFilter, ParcelFilter } from './generated/resolvers.ts';

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

/** Validates a LandUseChangeFilter argument; errors name the offending input path. */
export function parseLandUseChangeFilter(
  filter: LandUseChangeFilter | null | undefined,
  at: readonly string[] = ['filter'],
): LandUseChangeQuery {
  const query: LandUseChangeQuery = {};
  if (!filter) return query;
  if (filter.districtCode != null) query.districtCode = parseDistrictCode(filter.districtCode, [...at, 'districtCode']);
  if (filter.parcelId != null) query.parcelId = filter.parcelId;
  if (filter.status != null) query.status = filter.status;
  if (filter.requiresSoilSurvey != null) query.requiresSoilSurvey = filter.requiresSoilSurvey;
  if (filter.proposed != null) {
    const { from, to } = parseDateRange(filter.proposed, [...at, 'proposed']);
    if (from !== undefined) query.proposedFrom = from;
    if (to !== undefined) query.proposedTo = to;
  }
  return query;
}
