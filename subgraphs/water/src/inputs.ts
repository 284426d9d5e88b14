import { parseBBox, parseDistrictCode } from '@soilgraph/server-kit';
import type { ProtectionZoneQuery } from './data/protection-zones.ts';
import type { WaterSourceQuery } from './data/water-sources.ts';
import type { ProtectionZoneFilter, WaterSourceFilter } from './generated/resolvers.ts';

/** Validates a WaterSourceFilter argument; errors name the offending input path. */
export function parseWaterSourceFilter(filter: WaterSourceFilter | null | undefined, at: readonly string[] = ['filter']): WaterSourceQuery {
  const query: WaterSourceQuery = {};
  if (!filter) return query;
  if (filter.districtCode != null) query.districtCode = parseDistrictCode(filter.districtCode, [...at, 'districtCode']);
  if (filter.kind != null) query.kind = filter.kind;
  if (filter.bbox != null) query.bbox = parseBBox(filter.bbox, [...at, 'bbox']);
  return query;
}

/** Validates a ProtectionZoneFilter argument; errors name the offending input path. */
export function parseProtectionZoneFilter(
  filter: ProtectionZoneFilter | null | undefined,
  at: readonly string[] = ['filter'],
): ProtectionZoneQuery {
  const query: ProtectionZoneQuery = {};
  if (!filter) return query;
  if (filter.level != null) query.level = filter.level;
  if (filter.part != null) query.part = filter.part;
  if (filter.waterSourceId != null) query.waterSourceId = filter.waterSourceId;
  if (filter.bbox != null) query.bbox = parseBBox(filter.bbox, [...at, 'bbox']);
  return query;
}
