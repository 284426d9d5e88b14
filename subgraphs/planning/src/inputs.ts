import { LAND_USE_CHANGE_STATUSES } from '@soilgraph/db/planning';
import { isLandUseCode, plannedUseByCode } from '@soilgraph/domain';
import { boundedText, calendarDay, districtCodeField, parseBatch, parseBBox, parseDateRange, parseDistrictCode, parseLandUseCodes } from '@soilgraph/server-kit';
import { z } from 'zod';
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

const plannedUse = z.string().refine((code) => plannedUseByCode(code) !== undefined, {
  error: (issue) => `unknown planned use ${JSON.stringify(String(issue.input).slice(0, 20))}: expected a GB 50137 code, e.g. R2 or A33`,
});

/** A parcel's public id: letters, digits, '.', '_' and '-', so it reads safely in any key, URL or file. */
const parcelId = z
  .string()
  .regex(/^[0-9A-Za-z][0-9A-Za-z._-]{0,63}$/, "must be 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit (e.g. 110108-P0031)");

/** Most positions one boundary may have: ample for a surveyed parcel, and a bound on what one row can carry. */
export const MAX_GEOMETRY_POSITIONS = 100_000;

const longitude = z.number().finite().min(-180, 'must be a longitude from -180 to 180').max(180, 'must be a longitude from -180 to 180');
const latitude = z.number().finite().min(-90, 'must be a latitude from -90 to 90').max(90, 'must be a latitude from -90 to 90');
const position = z.tuple([longitude, latitude], 'must be [longitude, latitude] in WGS84 degrees');
const ring = z
  .array(position)
  .min(4, { error: 'a ring needs at least 4 positions (a closed triangle or more)', abort: true })
  .max(MAX_GEOMETRY_POSITIONS)
  .superRefine((r, ctx) => {
    if (r.length < 2) return;
    const first = r[0]!;
    const last = r.at(-1)!;
    if (first[0] !== last[0] || first[1] !== last[1]) ctx.addIssue({ code: 'custom', message: 'a ring must be closed: its last position must equal its first' });
  });
const polygonRings = z.array(ring).min(1, 'a polygon needs its exterior ring').max(1000);
const positionCount = (rings: readonly (readonly unknown[])[]) => rings.reduce((n, r) => n + r.length, 0);

const boundary = z
  .discriminatedUnion('type', [
    z.object({ type: z.literal('Polygon'), coordinates: polygonRings }),
    z.object({ type: z.literal('MultiPolygon'), coordinates: z.array(polygonRings).min(1, 'a MultiPolygon needs at least one polygon').max(1000) }),
  ], { error: 'must be a GeoJSON Polygon or MultiPolygon' })
  .superRefine((g, ctx) => {
    const positions = g.type === 'Polygon' ? positionCount(g.coordinates) : g.coordinates.reduce((n, p) => n + positionCount(p), 0);
    if (positions > MAX_GEOMETRY_POSITIONS) ctx.addIssue({ code: 'custom', path: ['coordinates'], message: `must have at most ${MAX_GEOMETRY_POSITIONS} positions, got ${positions}` });
  });

const parcelSubmission = z.object({
  externalId: boundedText(200),
  id: parcelId,
  name: boundedText(500),
  districtCode: districtCodeField,
  landUse: z.string().refine(isLandUseCode, {
    error: (issue) => `unknown land use ${JSON.stringify(String(issue.input).slice(0, 20))}: expected a GB/T 21010 code, e.g. 0101 (paddy) or 0701 (urban residential)`,
  }),
  plannedUse: plannedUse.nullish(),
  areaHa: z.number().finite().positive('must be an area in hectares, more than 0').max(100_000, 'must be at most 100,000 ha'),
  geometry: boundary,
});

export type ParcelSubmissionRow = z.infer<typeof parcelSubmission>;

/** Validates a whole batch of submitted parcels (a parcel id at most once); one BAD_USER_INPUT error lists every bad row. */
export function parseParcelSubmissions(parcels: readonly unknown[]): ParcelSubmissionRow[] {
  const idRows = new Map<string, number>();
  return parseBatch(parcels, parcelSubmission, 'parcels', (row, index) => {
    const first = idRows.get(row.id);
    if (first !== undefined) return [{ path: ['id'], message: `${JSON.stringify(row.id)} is also the id of row ${first}; give each parcel id once per batch` }];
    idRows.set(row.id, index);
    return [];
  });
}

const landUseChangeSubmission = z
  .object({
    externalId: boundedText(200),
    caseNumber: boundedText(200),
    parcelId: boundedText(64),
    fromPlannedUse: plannedUse.nullish(),
    toPlannedUse: plannedUse,
    status: z.enum(LAND_USE_CHANGE_STATUSES),
    proposedOn: calendarDay,
    decidedOn: calendarDay.nullish(),
  })
  .superRefine((c, ctx) => {
    if (c.fromPlannedUse != null && c.fromPlannedUse === c.toPlannedUse) {
      ctx.addIssue({ code: 'custom', path: ['toPlannedUse'], message: `must differ from fromPlannedUse (both are ${c.toPlannedUse})` });
    }
    if (c.status === 'PROPOSED') {
      if (c.decidedOn != null) ctx.addIssue({ code: 'custom', path: ['decidedOn'], message: 'leave decidedOn out while the case is PROPOSED' });
    } else if (c.decidedOn == null) {
      ctx.addIssue({ code: 'custom', path: ['decidedOn'], message: `give the day the case was ${c.status.toLowerCase()}` });
    } else if (c.decidedOn < c.proposedOn) {
      ctx.addIssue({ code: 'custom', path: ['decidedOn'], message: `must not be before proposedOn (${c.proposedOn})` });
    }
  });

export type LandUseChangeSubmissionRow = z.infer<typeof landUseChangeSubmission>;

/** Validates a whole batch of submitted planned-use change cases; one BAD_USER_INPUT error lists every bad row. */
export function parseLandUseChangeSubmissions(changes: readonly unknown[]): LandUseChangeSubmissionRow[] {
  return parseBatch(changes, landUseChangeSubmission, 'changes');
}
