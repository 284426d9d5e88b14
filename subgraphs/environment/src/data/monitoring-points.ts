import { afterKey, countPerParent, type Database, firstRowsPerParent } from '@soilgraph/db';
import { MONITORING_PURPOSES, monitoringPoints, type MonitoringPointRow, type MonitoringPurpose, NETWORK_LEVELS, type NetworkLevel, soilSamples } from '@soilgraph/db/environment';
import type { BBoxColumns } from '@soilgraph/geo';
import { type Connection, type NestedListSource, type Page, toConnection } from '@soilgraph/server-kit';
import { and, asc, count, eq, gte, inArray, lte, max, type SQL } from 'drizzle-orm';
import { z } from 'zod';

export type { MonitoringPointRow };
export type MonitoringPointConnectionModel = Connection<MonitoringPointRow>;

/** Monitoring points sort by id; a cursor is the last id seen. */
export const monitoringPointCursor = z.tuple([z.string()]);
export type MonitoringPointCursor = z.infer<typeof monitoringPointCursor>;

/** A validated monitoring-point filter: every field narrows the result (AND). */
export interface MonitoringPointQuery {
  districtCode?: string;
  level?: NetworkLevel;
  purpose?: MonitoringPurpose;
  /** Points whose location lies in the box; a point test, exact in SQL. */
  bbox?: BBoxColumns;
}

function conditions(q: MonitoringPointQuery): SQL | undefined {
  const parts: SQL[] = [];
  if (q.districtCode !== undefined) parts.push(eq(monitoringPoints.districtCode, q.districtCode));
  if (q.level !== undefined) parts.push(eq(monitoringPoints.level, q.level));
  if (q.purpose !== undefined) parts.push(eq(monitoringPoints.purpose, q.purpose));
  if (q.bbox !== undefined) {
    parts.push(
      gte(monitoringPoints.lon, q.bbox.minLon),
      lte(monitoringPoints.lon, q.bbox.maxLon),
      gte(monitoringPoints.lat, q.bbox.minLat),
      lte(monitoringPoints.lat, q.bbox.maxLat),
    );
  }
  return and(...parts);
}

export async function monitoringPointsByIds(db: Database, ids: readonly string[]): Promise<MonitoringPointRow[]> {
  return db.select().from(monitoringPoints).where(inArray(monitoringPoints.id, [...ids]));
}

/** Points on any of these parcels, ordered by id. */
export async function monitoringPointsByParcelIds(db: Database, parcelIds: readonly string[]): Promise<MonitoringPointRow[]> {
  return db.select().from(monitoringPoints).where(inArray(monitoringPoints.parcelId, [...parcelIds])).orderBy(asc(monitoringPoints.id));
}

/** Points watching any of these water sources, ordered by id. */
export async function monitoringPointsByWaterSourceIds(db: Database, sourceIds: readonly string[]): Promise<MonitoringPointRow[]> {
  return db
    .select()
    .from(monitoringPoints)
    .where(inArray(monitoringPoints.waterSourceId, [...sourceIds]))
    .orderBy(asc(monitoringPoints.id));
}

export async function findMonitoringPoints(
  db: Database,
  q: MonitoringPointQuery,
  page: Page<MonitoringPointCursor>,
): Promise<MonitoringPointConnectionModel> {
  const rows = await db
    .select()
    .from(monitoringPoints)
    .where(and(conditions(q), page.after && afterKey([monitoringPoints.id], page.after)))
    .orderBy(asc(monitoringPoints.id))
    .limit(page.limit + 1);
  return toConnection(rows, page, (p) => [p.id] as MonitoringPointCursor, () => countMonitoringPoints(db, q));
}

export async function countMonitoringPoints(db: Database, q: MonitoringPointQuery): Promise<number> {
  const [row] = await db.select({ n: count() }).from(monitoringPoints).where(conditions(q));
  return row?.n ?? 0;
}

/** Each district's monitoring points as a nested list (District.monitoringPoints). */
export function monitoringPointsByDistrict(db: Database): NestedListSource<MonitoringPointQuery, MonitoringPointCursor, MonitoringPointRow> {
  const t = monitoringPoints;
  return {
    pages: (codes, q, page) => firstRowsPerParent(db, t, t.districtCode, codes, and(conditions(q), page.after && afterKey([t.id], page.after)), [asc(t.id)], page.limit + 1),
    counts: (codes, q) => countPerParent(db, t, t.districtCode, codes, conditions(q)),
    parentOf: (p) => p.districtCode,
    keyOf: (p) => [p.id],
  };
}

/** GraphQL MonitoringNetworkSummary: counts only (published). */
export interface MonitoringNetworkModel {
  pointsByLevel: { level: NetworkLevel; points: number }[];
  pointsByPurpose: { purpose: MonitoringPurpose; points: number }[];
  samples: number;
  latestSampleYear: number | null;
}

/**
 * The network of each given district (in their order): points per level and purpose (every one,
 * zeros included), samples, newest sampling year. Two grouped statements for all districts.
 */
export async function monitoringNetworks(db: Database, districtCodes: readonly string[]): Promise<MonitoringNetworkModel[]> {
  const points = await db
    .select({ districtCode: monitoringPoints.districtCode, level: monitoringPoints.level, purpose: monitoringPoints.purpose, n: count() })
    .from(monitoringPoints)
    .where(inArray(monitoringPoints.districtCode, [...districtCodes, '']))
    .groupBy(monitoringPoints.districtCode, monitoringPoints.level, monitoringPoints.purpose);
  const samples = await db
    .select({ districtCode: soilSamples.districtCode, n: count(), latest: max(soilSamples.sampledOn) })
    .from(soilSamples)
    .where(inArray(soilSamples.districtCode, [...districtCodes, '']))
    .groupBy(soilSamples.districtCode);
  return districtCodes.map((code) => {
    const sum = (keep: (p: (typeof points)[number]) => boolean) => points.filter((p) => p.districtCode === code && keep(p)).reduce((total, p) => total + p.n, 0);
    const sampled = samples.find((s) => s.districtCode === code);
    return {
      pointsByLevel: NETWORK_LEVELS.map((level) => ({ level, points: sum((p) => p.level === level) })),
      pointsByPurpose: MONITORING_PURPOSES.map((purpose) => ({ purpose, points: sum((p) => p.purpose === purpose) })),
      samples: sampled?.n ?? 0,
      latestSampleYear: sampled?.latest ? Number(sampled.latest.slice(0, 4)) : null,
    };
  });
}

/** The network of several districts together (the city's): their counts summed, the newest year of all. */
export function combinedNetwork(networks: readonly MonitoringNetworkModel[]): MonitoringNetworkModel {
  const years = networks.flatMap((n) => (n.latestSampleYear === null ? [] : [n.latestSampleYear]));
  return {
    pointsByLevel: NETWORK_LEVELS.map((level) => ({ level, points: networks.reduce((t, n) => t + n.pointsByLevel.find((p) => p.level === level)!.points, 0) })),
    pointsByPurpose: MONITORING_PURPOSES.map((purpose) => ({ purpose, points: networks.reduce((t, n) => t + n.pointsByPurpose.find((p) => p.purpose === purpose)!.points, 0) })),
    samples: networks.reduce((t, n) => t + n.samples, 0),
    latestSampleYear: years.length === 0 ? null : Math.max(...years),
  };
}
