import type { Database } from '@soilgraph/db';
import type { BBoxColumns } from '@soilgraph/geo';
import DataLoader from 'dataloader';
import { type SampleWithMeasurements, sampleIdsInBoxes, samplesWithMeasurements } from '../data/soil-samples.ts';

/** A water source and the bounding boxes of its protection zones, from the representation the gateway sent. */
export interface ZoneBoxes {
  id: string;
  boxes: readonly BBoxColumns[];
}

/**
 * The samples (with their measurements) inside the zone boxes of each water source, keyed by
 * source id: the candidates of its early warning (the exact zone test runs later). Three statements
 * per request tick, however many sources ask (every source of a page, of a district, of the city):
 * which samples lie in which box, those samples, their measurements.
 */
export function createSamplesInZonesByWaterSourceIdLoader(db: Database) {
  return new DataLoader<ZoneBoxes, SampleWithMeasurements[], string>(
    async (sources) => {
      const inBox = await sampleIdsInBoxes(db, sources.flatMap((s) => s.boxes));
      let next = 0;
      const idsOf = sources.map((source) => {
        const ids = new Set(inBox.slice(next, next + source.boxes.length).flat());
        next += source.boxes.length;
        return ids;
      });
      const all = new Set(idsOf.flatMap((ids) => [...ids]));
      const candidates = all.size === 0 ? [] : await samplesWithMeasurements(db, { sampleIds: [...all] });
      // Each source's samples in the order samplesWithMeasurements gives them, in time proportional to its own.
      const rank = new Map(candidates.map((item, i) => [item.sample.id, i]));
      return idsOf.map((ids) =>
        [...ids]
          .flatMap((id) => rank.get(id) ?? [])
          .sort((a, b) => a - b)
          .map((i) => candidates[i]!),
      );
    },
    { cacheKeyFn: (source) => source.id },
  );
}
