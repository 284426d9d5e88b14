import type { Database } from '@soilgraph/db';
import { surveyPoints } from '@soilgraph/db/geology';
import { type BBoxColumns, bboxOf, type Geometry, geometriesIntersect } from '@soilgraph/geo';
import { and, getTableColumns, sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { type SurveyPointRow, surveyPointsInBoxes } from './survey-points.ts';

/**
 * An area as the gateway represents it to geology: a parcel (planning's boundary) or a
 * protection zone (water's polygon). Parcels and zones share one computation and its loaders.
 */
export interface AreaGeometry {
  /** Whose area it is, e.g. "Parcel:110108-P0001" or "ProtectionZone:WS-110118-01-L1-W": the loaders' cache key. */
  key: string;
  geometry: Geometry;
}

/** The area of an entity the gateway sent, keyed by its typename and id. */
export function areaOf(typename: 'Parcel' | 'ProtectionZone', id: string, geometry: Geometry): AreaGeometry {
  return { key: `${typename}:${id}`, geometry };
}

/** The geology beneath an area: its nearest survey point and how far that lies from the area's centre. */
export interface AreaGeologyModel {
  area: AreaGeometry;
  nearest: SurveyPointRow;
  distanceKm: number;
}

/** Beyond this distance a survey point says nothing about the ground beneath an area. */
export const MAX_NEAREST_KM = 25;
/** Search radii, widened in turn until a point is found within one of them. */
const EARTH_RADIUS_KM = 6371.0088;
const toRad = (deg: number) => (deg * Math.PI) / 180;
const toDeg = (rad: number) => (rad * 180) / Math.PI;

/** The centre of a geometry's bounding box, [lon, lat]. */
export function centreOf(geometry: Geometry): [number, number] {
  const b = bboxOf(geometry);
  return [(b.minLon + b.maxLon) / 2, (b.minLat + b.maxLat) / 2];
}

/** Great-circle (haversine) distance in kilometres between two [lon, lat] positions. */
export function distanceKm([lon1, lat1]: readonly [number, number], [lon2, lat2]: readonly [number, number]): number {
  const h =
    Math.sin(toRad(lat2 - lat1) / 2) ** 2 + Math.cos(toRad(lat1)) * Math.cos(toRad(lat2)) * Math.sin(toRad(lon2 - lon1) / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/**
 * A lon/lat box holding every position within `radiusKm` of a centre. Latitude is exact; the
 * longitude half-width assumes the other position lies within 1 degree of latitude (any
 * farther is more than 111 km away, beyond every search radius).
 */
function searchBox([lon, lat]: readonly [number, number], radiusKm: number): BBoxColumns {
  const angle = radiusKm / EARTH_RADIUS_KM;
  const halfLat = toDeg(angle);
  const cosProduct = Math.cos(toRad(lat)) * Math.cos(toRad(Math.min(Math.abs(lat) + 1, 90)));
  const ratio = Math.sin(angle / 2) / Math.sqrt(Math.max(cosProduct, 1e-12));
  const halfLon = ratio >= 1 ? 180 : toDeg(2 * Math.asin(ratio));
  return { minLon: lon - halfLon, minLat: lat - halfLat, maxLon: lon + halfLon, maxLat: lat + halfLat };
}

/** How many candidates per area the statement returns, nearest first by a flat-earth distance; the exact distance picks among them. */
const NEAREST_CANDIDATES = 4;

/**
 * The survey point nearest the centre of each area's bounding box (ties to the lower id), null when none lies
 * within MAX_NEAREST_KM. One statement for the whole batch, however near or far the points: for
 * each centre (a LATERAL subquery over the indexed lon/lat columns) the few points of its
 * MAX_NEAREST_KM box nearest by a flat-earth distance, which orders points this close as the
 * great-circle distance does; the haversine distance then picks the nearest among them.
 */
export async function geologyOfAreas(db: Database, areas: readonly AreaGeometry[]): Promise<(AreaGeologyModel | null)[]> {
  if (areas.length === 0) return [];
  const centres = areas.map((a) => centreOf(a.geometry));
  const rows = sql.join(
    centres.map((centre, i) => {
      const box = searchBox(centre, MAX_NEAREST_KM);
      const cosLat = Math.cos(toRad(centre[1]));
      return sql`(${i}::int, ${centre[0]}::float8, ${centre[1]}::float8, ${cosLat}::float8, ${box.minLon}::float8, ${box.maxLon}::float8, ${box.minLat}::float8, ${box.maxLat}::float8)`;
    }),
    sql`, `,
  );
  const centreTable = sql`(values ${rows}) as centre(i, lon, lat, cos_lat, min_lon, max_lon, min_lat, max_lat)`;
  const nearby = db
    .select()
    .from(surveyPoints)
    .where(and(sql`${surveyPoints.lon} between centre.min_lon and centre.max_lon`, sql`${surveyPoints.lat} between centre.min_lat and centre.max_lat`))
    .orderBy(sql`power((${surveyPoints.lon} - centre.lon) * centre.cos_lat, 2) + power(${surveyPoints.lat} - centre.lat, 2)`, surveyPoints.id)
    .limit(NEAREST_CANDIDATES)
    .as('nearby');
  // The subquery's columns under their field names: the rows come back typed and decoded as the table's own.
  const fields = Object.fromEntries(Object.keys(getTableColumns(surveyPoints)).map((name) => [name, nearby[name as keyof typeof nearby]]));
  const found = (await db
    .select({ ...(fields as Record<string, AnyPgColumn>), area: sql<number>`centre.i` })
    .from(centreTable)
    .crossJoinLateral(nearby)) as unknown as (SurveyPointRow & { area: number })[];

  const results: (AreaGeologyModel | null)[] = areas.map(() => null);
  const best: ({ point: SurveyPointRow; km: number } | undefined)[] = areas.map(() => undefined);
  for (const { area: i, ...point } of found) {
    const km = distanceKm(centres[i]!, [point.lon, point.lat]);
    const current = best[i];
    if (km <= MAX_NEAREST_KM && (current === undefined || km < current.km || (km === current.km && point.id < current.point.id))) best[i] = { point, km };
  }
  best.forEach((b, i) => {
    if (b) results[i] = { area: areas[i]!, nearest: b.point, distanceKm: b.km };
  });
  return results;
}

/** Survey points inside each area's boundary, ordered by id: bbox prefilter in SQL, exact test in code. */
export async function surveyPointsWithinAreas(db: Database, areas: readonly AreaGeometry[]): Promise<SurveyPointRow[][]> {
  const inBoxes = await surveyPointsInBoxes(db, areas.map((a) => bboxOf(a.geometry)));
  return areas.map((area, i) => inBoxes[i]!.filter((point) => geometriesIntersect(point.location, area.geometry)));
}
