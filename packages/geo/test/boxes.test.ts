import { describe, expect, it } from 'vitest';
import { type BBoxColumns, boxesHolding } from '../src/index.ts';

/** A small deterministic generator, so that a failure names boxes that can be made again. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

describe('boxesHolding', () => {
  const next = random(7);
  const boxes: BBoxColumns[] = Array.from({ length: 2_000 }, () => {
    const minLon = 115.4 + next() * 2;
    const minLat = 39.4 + next() * 1.3;
    return { minLon, minLat, maxLon: minLon + next() * 0.08, maxLat: minLat + next() * 0.06 };
  });
  const holding = boxesHolding(boxes);
  const byTestingEveryBox = (lon: number, lat: number) =>
    boxes.flatMap((b, i) => (lon >= b.minLon && lon <= b.maxLon && lat >= b.minLat && lat <= b.maxLat ? [i] : []));

  it('finds the same boxes as testing every box, in ascending order', () => {
    let found = 0;
    for (let i = 0; i < 5_000; i++) {
      const lon = 115.4 + next() * 2.1;
      const lat = 39.4 + next() * 1.4;
      const expected = byTestingEveryBox(lon, lat);
      expect(holding(lon, lat)).toEqual(expected);
      found += expected.length;
    }
    // The points fall in boxes often, so the comparison is not one of empty lists.
    expect(found).toBeGreaterThan(1_000);
  });

  it('counts the edges and corners of a box as inside it', () => {
    const [box] = boxes;
    for (const [lon, lat] of [
      [box!.minLon, box!.minLat],
      [box!.maxLon, box!.maxLat],
      [box!.minLon, (box!.minLat + box!.maxLat) / 2],
    ] as const) {
      expect(holding(lon, lat)).toContain(0);
    }
    expect(holding(box!.maxLon + 1e-9, box!.maxLat)).not.toContain(0);
  });

  it('answers no box when given none', () => {
    expect(boxesHolding([])(116.4, 39.9)).toEqual([]);
  });
});
