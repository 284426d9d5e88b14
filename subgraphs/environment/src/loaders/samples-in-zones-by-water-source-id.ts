import type { Database } from '@soilgraph/db';
import type { BBoxColumns } from '@soilgraph/geo';
import DataLoader from 'dataloader';
import { type SampleWithMeasurements, samplesInBoxes } from '../data/soil-samples.ts';

/** A water source and the bounding boxes of its protection zones, from the representation the gateway sent. */
export interface ZoneBoxes {
  id: string;
  boxes: readonly BBoxColumns[];
}

/**
 * The samples (with their measurements) inside the zone boxes of each water source, keyed by
 * source id: the candidates of its early warning (the exact zone test runs later). Two statements
 * per request tick, however many sources ask (every source of a page, of a district, of the city).
 */
export function createSamplesInZonesByWaterSourceIdLoader(db: Database) {
  return new DataLoader<ZoneBoxes, SampleWithMeasurements[], string>(
    async (sources) => {
      // Which source each box belongs to, in the order the boxes are sent.
      const sourceOf = sources.flatMap((source, i) => source.boxes.map(() => i));
      const found = await samplesInBoxes(db, sources.flatMap((s) => s.boxes));
      const bySource = sources.map(() => new Set<SampleWithMeasurements>());
      for (const { item, boxes } of found) for (const box of boxes) bySource[sourceOf[box]!]!.add(item);
      return bySource.map((items) => [...items]);
    },
    { cacheKeyFn: (source) => source.id },
  );
}
