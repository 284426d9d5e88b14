/**
 * Writes src/districts.json: the 16 districts' shapes the map draws. They are APPROXIMATE, made
 * here rather than surveyed: the city's outline is drawn by hand in a few dozen points, and
 * inside it each district takes the ground nearest to the demo data's area of that district
 * (db/src/demo/geography.ts): a jittered grid of seeds over each district's area, the Voronoi
 * cell of every seed, the cells of one district joined. So the shapes tile the city without gaps
 * or overlaps and each district sits where its demo parcels lie, but no border is a real one.
 *
 * Run `pnpm --filter @soilgraph/dashboard districts` after a change to the demo geography.
 */
import { writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { DISTRICT_BOXES } from '@soilgraph/db/demo';
import { BEIJING_DISTRICTS } from '@soilgraph/domain';
import { Delaunay } from 'd3-delaunay';
import polygonClipping, { type MultiPolygon, type Polygon } from 'polygon-clipping';

/** Beijing's outline, roughly (WGS84 lon, lat, clockwise from the west). */
const OUTLINE: Polygon = [
  [
    [115.42, 39.95], [115.5, 40.15], [115.75, 40.3], [115.8, 40.55], [116.05, 40.75], [116.3, 40.9],
    [116.55, 41.06], [116.75, 40.95], [117.0, 40.75], [117.25, 40.7], [117.45, 40.65], [117.4, 40.35],
    [117.35, 40.15], [117.05, 40.05], [116.95, 39.9], [116.92, 39.7], [116.8, 39.6], [116.6, 39.55],
    [116.42, 39.44], [116.2, 39.5], [115.95, 39.52], [115.7, 39.5], [115.55, 39.62], [115.45, 39.8],
    [115.42, 39.95],
  ],
];
const BOUNDS = [115.3, 39.3, 117.6, 41.2] as const;
/** Seed spacing in degrees: small enough that the small central districts get several seeds. */
const SPACING = 0.03;

const area = ([minLon, minLat, maxLon, maxLat]: readonly number[]) => (maxLon! - minLon!) * (maxLat! - minLat!);
const inside = (lon: number, lat: number, box: readonly number[]) => lon >= box[0]! && lon <= box[2]! && lat >= box[1]! && lat <= box[3]!;
/** A fixed jitter in [-0.5, 0.5) per seed, so the shapes are the same on every run. */
const jitter = (n: number) => {
  const x = Math.sin(n * 12.9898) * 43758.5453;
  return x - Math.floor(x) - 0.5;
};
const round = (value: number) => Math.round(value * 1000) / 1000;

/** The districts' approximate shapes, a GeoJSON FeatureCollection (properties: code, name, nameZh). */
export function districtShapes() {
  // Where two districts' areas overlap, the smaller one keeps the ground (the centre's districts are small).
  const bySize = Object.entries(DISTRICT_BOXES).sort(([, a], [, b]) => area(a) - area(b));

  const seeds: [number, number][] = [];
  const owners: string[] = [];
  for (const [code, box] of bySize) {
    const [minLon, minLat, maxLon, maxLat] = box;
    for (let lon = minLon + SPACING / 2; lon < maxLon; lon += SPACING) {
      for (let lat = minLat + SPACING / 2; lat < maxLat; lat += SPACING) {
        const n = lon * 1000 + lat * 100;
        const point: [number, number] = [lon + jitter(n) * SPACING * 0.8, lat + jitter(n + 0.5) * SPACING * 0.8];
        const owner = bySize.find(([, b]) => inside(point[0], point[1], b))?.[0] ?? code;
        if (owner !== code) continue; // a smaller district's seed
        seeds.push(point);
        owners.push(code);
      }
    }
  }

  const voronoi = Delaunay.from(seeds).voronoi([...BOUNDS]);
  const cells = new Map<string, Polygon[]>();
  seeds.forEach((_, i) => {
    const cell = voronoi.cellPolygon(i);
    if (cell !== null) cells.set(owners[i]!, [...(cells.get(owners[i]!) ?? []), [cell.map(([x, y]) => [x, y] as [number, number])]]);
  });

  const features = BEIJING_DISTRICTS.map(({ code, name, nameZh }) => {
    const [first, ...rest] = cells.get(code) ?? [];
    if (first === undefined) throw new Error(`no seed fell in district ${code}`);
    const joined: MultiPolygon = polygonClipping.intersection(polygonClipping.union(first, ...rest), OUTLINE);
    const coordinates = joined.map((polygon) => polygon.map((ring) => ring.map(([lon, lat]) => [round(lon), round(lat)])));
    return {
      type: 'Feature' as const,
      properties: { code, name, nameZh },
      geometry: coordinates.length === 1 ? { type: 'Polygon' as const, coordinates: coordinates[0]! } : { type: 'MultiPolygon' as const, coordinates },
    };
  });

  const collection = {
    type: 'FeatureCollection' as const,
    // Said again wherever the shapes are shown: approximate, not surveyed boundaries.
    description: 'Approximate district shapes for the SoilGraph dashboard, derived from the synthetic demo geography; not surveyed boundaries.',
    features,
  };
  return collection;
}

// pnpm --filter @soilgraph/dashboard districts
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const collection = districtShapes();
  writeFileSync(new URL('../src/districts.json', import.meta.url), `${JSON.stringify(collection)}\n`);
  process.stdout.write(`wrote src/districts.json: ${collection.features.length} districts\n`);
}
