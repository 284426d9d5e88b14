import { WATER_SOURCE_KINDS, ZONE_LEVELS, ZONE_PARTS, type ZoneLevel } from '@soilgraph/db/water';
import { boundedText, calendarDay, districtCodeField, parseBatch, parseBBox, parseDistrictCode, pointField } from '@soilgraph/server-kit';
import { z } from 'zod';
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




/** A registry number: WS-, the district code, a serial of two or three digits. */
const WATER_SOURCE_ID = /^WS-(\d{6})-\d{2,3}$/;
const FIRST_YEAR_IN_SERVICE = 1900;

const waterSourceSubmission = z
  .object({
    externalId: boundedText(200),
    id: boundedText(64),
    name: boundedText(500),
    kind: z.enum(WATER_SOURCE_KINDS),
    districtCode: districtCodeField,
    location: pointField,
    capacityM3PerDay: z.number().finite().positive('must be a capacity in m³/day, more than 0').max(100_000_000, 'must be at most 100,000,000 m³/day'),
    servedPopulation: z.number().int().min(0, 'must be 0 or more').max(100_000_000, 'must be at most 100,000,000').nullish(),
    inServiceSince: z
      .number()
      .int()
      .min(FIRST_YEAR_IN_SERVICE, `must be a year from ${FIRST_YEAR_IN_SERVICE}`)
      .refine((year) => year <= new Date().getUTCFullYear(), 'must not be a year in the future')
      .nullish(),
  })
  .superRefine((s, ctx) => {
    const match = WATER_SOURCE_ID.exec(s.id);
    if (!match) {
      ctx.addIssue({ code: 'custom', path: ['id'], message: 'must be WS-<district code>-<serial of 2 or 3 digits>, e.g. WS-110118-01' });
    } else if (match[1] !== s.districtCode) {
      ctx.addIssue({ code: 'custom', path: ['id'], message: `must carry the source's current district code ${s.districtCode}, e.g. WS-${s.districtCode}-01` });
    }
  });

export type WaterSourceSubmissionRow = z.infer<typeof waterSourceSubmission>;

/** Validates a whole batch of submitted water sources; one BAD_USER_INPUT error lists every bad row. */
export function parseWaterSourceSubmissions(sources: readonly unknown[]): WaterSourceSubmissionRow[] {
  const ids = new Map<string, number>();
  return parseBatch(sources, waterSourceSubmission, 'sources', (row, index) => {
    const first = ids.get(row.id);
    if (first !== undefined) return [{ path: ['id'], message: `${JSON.stringify(row.id)} is also row ${first}; give each id once per batch` }];
    ids.set(row.id, index);
    return [];
  });
}

/** A position: [longitude, latitude], or with an altitude [longitude, latitude, metres]. */
const position = z
  .array(z.number().finite())
  .min(2, 'must be [longitude, latitude] in WGS84 degrees')
  .max(3, 'must be [longitude, latitude] or [longitude, latitude, altitude]')
  .superRefine((p, ctx) => {
    if (Math.abs(p[0]!) > 180) ctx.addIssue({ code: 'custom', path: [0], message: 'must be a longitude from -180 to 180' });
    if (p.length > 1 && Math.abs(p[1]!) > 90) ctx.addIssue({ code: 'custom', path: [1], message: 'must be a latitude from -90 to 90' });
  });

const samePosition = (a: readonly number[], b: readonly number[]) => a.length === b.length && a.every((v, i) => v === b[i]);

/** A linear ring (RFC 7946 3.1.6): 4 or more positions, the last equal to the first, at least 3 of them distinct. */
const ring = z
  .array(position)
  .min(4, 'a ring has 4 or more positions')
  .max(100_000, 'a ring has at most 100,000 positions')
  .superRefine((r, ctx) => {
    if (r.length < 4) return;
    if (!samePosition(r[0]!, r[r.length - 1]!)) ctx.addIssue({ code: 'custom', path: [r.length - 1], message: 'must equal the ring\'s first position: a ring is closed' });
    else if (new Set(r.map((p) => p.join(','))).size < 3) ctx.addIssue({ code: 'custom', message: 'a ring needs 3 or more distinct positions' });
  });

const polygonRings = z.array(ring).min(1, 'a polygon has an outer ring').max(10_000, 'a polygon has at most 10,000 rings');

/**
 * The boundary of a zone: a Polygon or a MultiPolygon with no other members (a GeoJSON bbox
 * member would be trusted by the bbox computation, so it is refused rather than checked).
 */
const ONLY_TYPE_AND_COORDINATES = 'must have only the members "type" and "coordinates"';
const zoneGeometry = z.looseObject({ type: z.enum(['Polygon', 'MultiPolygon'], 'must be a GeoJSON Polygon or MultiPolygon') }).pipe(
  z.discriminatedUnion('type', [
    z.strictObject({ type: z.literal('Polygon'), coordinates: polygonRings }, ONLY_TYPE_AND_COORDINATES),
    z.strictObject(
      {
        type: z.literal('MultiPolygon'),
        coordinates: z.array(polygonRings).min(1, 'a MultiPolygon has a polygon').max(10_000, 'a MultiPolygon has at most 10,000 polygons'),
      },
      ONLY_TYPE_AND_COORDINATES,
    ),
  ]),
);

const ZONE_LEVEL_CODES: Record<ZoneLevel, string> = { LEVEL_1: 'L1', LEVEL_2: 'L2', QUASI: 'Q' };

const protectionZoneSubmission = z
  .object({
    externalId: boundedText(200),
    id: boundedText(80),
    waterSourceId: boundedText(64),
    level: z.enum(ZONE_LEVELS),
    part: z.enum(ZONE_PARTS),
    geometry: zoneGeometry,
    areaKm2: z.number().finite().positive('must be an area in km², more than 0').max(100_000, 'must be at most 100,000 km²'),
    approvedOn: calendarDay.nullish(),
    approvalDocument: boundedText(1000).nullish(),
  })
  .superRefine((zone, ctx) => {
    const base = `${zone.waterSourceId}-${ZONE_LEVEL_CODES[zone.level]}`;
    if (zone.id !== base && zone.id !== `${base}-${zone.part[0]}`) {
      ctx.addIssue({ code: 'custom', path: ['id'], message: `must be ${base} or ${base}-${zone.part[0]}: the water source's id, the level and optionally the part` });
    }
  });

export type ProtectionZoneSubmissionRow = z.infer<typeof protectionZoneSubmission>;

/** Validates a whole batch of submitted protection zones; one BAD_USER_INPUT error lists every bad row. */
export function parseProtectionZoneSubmissions(zones: readonly unknown[]): ProtectionZoneSubmissionRow[] {
  const ids = new Map<string, number>();
  const slots = new Map<string, number>();
  return parseBatch(zones, protectionZoneSubmission, 'zones', (row, index) => {
    const problems: { path: (string | number)[]; message: string }[] = [];
    const firstId = ids.get(row.id);
    if (firstId !== undefined) problems.push({ path: ['id'], message: `${JSON.stringify(row.id)} is also row ${firstId}; give each id once per batch` });
    else ids.set(row.id, index);
    const slot = `${row.waterSourceId} ${row.level} ${row.part}`;
    const firstSlot = slots.get(slot);
    if (firstSlot !== undefined) problems.push({ path: ['part'], message: `row ${firstSlot} is also the ${row.level} ${row.part} zone of ${row.waterSourceId}; a source has one zone per level and part` });
    else slots.set(slot, index);
    return problems;
  });
}
