import type { Database } from '@soilgraph/db';
import { type BBoxColumns, bboxOf, type Geometry, geometriesIntersect } from '@soilgraph/geo';
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
const SEARCH_RADII_KM = [5, 20, MAX_NEAREST_KM] as const;
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

function inBox(p: SurveyPointRow, b: BBoxColumns): boolean {
  return p.lon >= b.minLon && p.lon <= b.maxLon && p.lat >= b.minLat && p.lat <= b.maxLat;
}

/**
 * The survey point nearest the centre of each area's bounding box (ties to the lower id), null when none lies
 * within MAX_NEAREST_KM. Searches indexed lon/lat boxes of growing radius, one query per
 * radius for the whole batch; a point found within a radius is the nearest overall, since
 * the box holds every point that close.
 */
export async function geologyOfAreas(db: Database, areas: readonly AreaGeometry[]): Promise<(AreaGeologyModel | null)[]> {
  const results: (AreaGeologyModel | null)[] = areas.map(() => null);
  const centres = areas.map((a) => centreOf(a.geometry));
  let pending = areas.map((_, i) => i);
  for (const radiusKm of SEARCH_RADII_KM) {
    if (pending.length === 0) break;
    const boxes = pending.map((i) => searchBox(centres[i]!, radiusKm));
    const candidates = await surveyPointsInBoxes(db, boxes);
    const stillPending: number[] = [];
    pending.forEach((i, k) => {
      let best: { point: SurveyPointRow; km: number } | undefined;
      for (const point of candidates) {
        if (!inBox(point, boxes[k]!)) continue;
        const km = distanceKm(centres[i]!, [point.lon, point.lat]);
        if (km <= radiusKm && (best === undefined || km < best.km)) best = { point, km };
      }
      if (best) results[i] = { area: areas[i]!, nearest: best.point, distanceKm: best.km };
      else stillPending.push(i);
    });
    pending = stillPending;
  }
  return results;
}

/** Survey points inside each area's boundary, ordered by id: bbox prefilter in SQL, exact test in code. */
export async function surveyPointsWithinAreas(db: Database, areas: readonly AreaGeometry[]): Promise<SurveyPointRow[][]> {
  const boxes = areas.map((a) => bboxOf(a.geometry));
  const candidates = await surveyPointsInBoxes(db, boxes);
  return areas.map((area, i) =>
    candidates.filter((point) => inBox(point, boxes[i]!) && geometriesIntersect(point.location, area.geometry)),
  );
}
