import { readFileSync } from 'node:fs';
import { DISTRICT_BOXES } from '@soilgraph/db/demo';
import { BEIJING_DISTRICTS } from '@soilgraph/domain';
import polygonClipping, { type MultiPolygon } from 'polygon-clipping';
import { describe, expect, it } from 'vitest';
import { districtShapes } from '../scripts/districts.ts';

const shipped = JSON.parse(readFileSync(new URL('../src/districts.json', import.meta.url), 'utf8'));
const shapes = districtShapes();
const asMulti = (geometry: (typeof shapes.features)[number]['geometry']): MultiPolygon =>
  (geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates) as MultiPolygon;
const areaOf = (multi: MultiPolygon) =>
  multi.reduce((sum, polygon) => sum + polygon.reduce((s, ring, i) => {
    let a = 0;
    for (let k = 0; k < ring.length - 1; k++) a += ring[k]![0] * ring[k + 1]![1] - ring[k + 1]![0] * ring[k]![1];
    return s + (i === 0 ? 1 : -1) * Math.abs(a / 2);
  }, 0), 0);

describe("the map's district shapes (src/districts.json)", () => {
  it('are what scripts/districts.ts makes of the demo geography (else run pnpm --filter @soilgraph/dashboard districts)', () => {
    expect(shipped).toEqual(JSON.parse(JSON.stringify(shapes)));
  });

  it('give each of the 16 districts one shape, labelled approximate', () => {
    expect(shapes.features.map((f) => f.properties.code)).toEqual(BEIJING_DISTRICTS.map((d) => d.code));
    expect(shapes.description).toMatch(/approximate/i);
  });

  it('tile the city: no two overlap, and each holds the centre of its demo area', () => {
    const multis = shapes.features.map((f) => asMulti(f.geometry));
    for (let i = 0; i < multis.length; i++) {
      for (let j = i + 1; j < multis.length; j++) {
        expect(areaOf(polygonClipping.intersection(multis[i]!, multis[j]!)), `${shapes.features[i]!.properties.code} and ${shapes.features[j]!.properties.code}`).toBeLessThan(1e-6);
      }
    }
    for (const feature of shapes.features) {
      const [minLon, minLat, maxLon, maxLat] = DISTRICT_BOXES[feature.properties.code]!;
      const centre = [(minLon + maxLon) / 2, (minLat + maxLat) / 2];
      const probe: MultiPolygon = [[[[centre[0]! - 1e-4, centre[1]! - 1e-4], [centre[0]! + 1e-4, centre[1]! - 1e-4], [centre[0]! + 1e-4, centre[1]! + 1e-4], [centre[0]! - 1e-4, centre[1]! - 1e-4]]]];
      expect(areaOf(polygonClipping.intersection(asMulti(feature.geometry), probe)), feature.properties.code).toBeGreaterThan(0);
    }
  });
});
