import { parseBBox, parseDateRange, parseDistrictCode } from '@soilgraph/server-kit';
import type { EnterpriseQuery } from './data/enterprises.ts';
import type { MonitoringPointQuery } from './data/monitoring-points.ts';
import type { SoilSampleQuery } from './data/soil-samples.ts';
import type { EnterpriseFilter, MonitoringPointFilter, SoilSampleFilter } from './generated/resolvers.ts';

/** Validates a MonitoringPointFilter argument; errors name the offending input path. */
export function parseMonitoringPointFilter(filter: MonitoringPointFilter | null | undefined, at: readonly string[] = ['filter']): MonitoringPointQuery {
  const query: MonitoringPointQuery = {};
  if (!filter) return query;
  if (filter.districtCode != null) query.districtCode = parseDistrictCode(filter.districtCode, [...at, 'districtCode']);
  if (filter.level != null) query.level = filter.level;
  if (filter.purpose != null) query.purpose = filter.purpose;
  if (filter.bbox != null) query.bbox = parseBBox(filter.bbox, [...at, 'bbox']);
  return query;
}

/** Validates a SoilSampleFilter argument; errors name the offending input path. */
export function parseSoilSampleFilter(filter: SoilSampleFilter | null | undefined, at: readonly string[] = ['filter']): SoilSampleQuery {
  const query: SoilSampleQuery = {};
  if (!filter) return query;
  if (filter.districtCode != null) query.districtCode = parseDistrictCode(filter.districtCode, [...at, 'districtCode']);
  if (filter.parcelId != null) query.parcelId = filter.parcelId;
  if (filter.pointId != null) query.pointId = filter.pointId;
  if (filter.sampled != null) {
    const { from, to } = parseDateRange(filter.sampled, [...at, 'sampled']);
    if (from !== undefined) query.sampledFrom = from;
    if (to !== undefined) query.sampledTo = to;
  }
  if (filter.analyte != null) query.analyte = filter.analyte;
  return query;
}

/** Validates an EnterpriseFilter argument; errors name the offending input path. */
export function parseEnterpriseFilter(filter: EnterpriseFilter | null | undefined, at: readonly string[] = ['filter']): EnterpriseQuery {
  const query: EnterpriseQuery = {};
  if (!filter) return query;
  if (filter.districtCode != null) query.districtCode = parseDistrictCode(filter.districtCode, [...at, 'districtCode']);
  if (filter.industry != null) query.industry = filter.industry;
  return query;
}
