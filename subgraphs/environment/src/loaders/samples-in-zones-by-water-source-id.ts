import type { Database } from '@soilgraph/db';
import type { BBoxColumns } from '@soilgraph/geo';
import DataLoader from 'dataloader';
import { type SampleWithMeasurements, samplesWithMeasurements } from '../data/soil-samples.ts';

/** A water source and the bounding boxes of its protection zones, from the representation the gateway sent. */
export interface ZoneBoxes {
  id: string;
  boxes: readonly BBoxColumns[];
}

function inAnyBox({ sample }: SampleWithMeasurements, boxes: readonly BBoxColumns[]): boolean {
  const [lon, lat] = sample.location.coordinates as [number, number];
  return boxes.some((b) => lon >= b.minLon && lon <= b.maxLon && lat >= b.minLat && lat <= b.maxLat);
}

/**
 * The samples (with their measurements) inside the zone boxes of each water source, keyed by
 * source id: the candidates of its early warning (the exact zone test runs later). Two statements
 * per request tick, however many sources ask (every source of a page, of a district, of the city).
 */
export function createSamplesInZonesByWaterSourceIdLoader(db: Database) {
  return new DataLoader<ZoneBoxes, SampleWithMeasurements[], string>(
    async (sources) => {
      const boxes = sources.flatMap((s) => s.boxes);
      const candidates = boxes.length === 0 ? [] : await samplesWithMeasurements(db, { bboxes: boxes });
      return sources.map((source) => candidates.filter((item) => inAnyBox(item, source.boxes)));
    },
    { cacheKeyFn: (source) => source.id },
  );
}
