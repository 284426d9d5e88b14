import turfBbox from '@turf/bbox';
import booleanIntersects from '@turf/boolean-intersects';
import Flatbush from 'flatbush';
import type { Geometry } from 'geojson';

/** [minLon, minLat, maxLon, maxLat] in WGS84 degrees. */
export type BBox = readonly [number, number, number, number];

export interface BBoxColumns {
  minLon: number;
  minLat: number;
  maxLon: number;
  maxLat: number;
}

/** The bounding box of a geometry, in the column shape the tables keep. */
export function bboxOf(geometry: Geometry): BBoxColumns {
  const [minLon, minLat, maxLon, maxLat] = turfBbox(geometry);
  return { minLon, minLat, maxLon, maxLat };
}

/** The rectangle of a bbox as a GeoJSON polygon. */
export function bboxPolygon(b: BBoxColumns): Geometry {
  return {
    type: 'Polygon',
    coordinates: [
      [
        [b.minLon, b.minLat],
        [b.maxLon, b.minLat],
        [b.maxLon, b.maxLat],
        [b.minLon, b.maxLat],
        [b.minLon, b.minLat],
      ],
    ],
  };
}

/** Exact test, run in code after the indexed bbox pre-selection. */
export function geometriesIntersect(a: Geometry, b: Geometry): boolean {
  return booleanIntersects(a, b);
}

/**
 * Which of many boxes hold a point, edges included, as indexes into `boxes` in ascending order:
 * the boxes go into a static R-tree (flatbush) once, so each point is tested against the few
 * boxes near it rather than against all of them.
 */
export function boxesHolding(boxes: readonly BBoxColumns[]): (lon: number, lat: number) => number[] {
  if (boxes.length === 0) return () => [];
  const tree = new Flatbush(boxes.length);
  for (const b of boxes) tree.add(b.minLon, b.minLat, b.maxLon, b.maxLat);
  tree.finish();
  return (lon, lat) => tree.search(lon, lat, lon, lat).sort((a, b) => a - b);
}

export type { Geometry } from 'geojson';
