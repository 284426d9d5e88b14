import type { Database } from '@soilgraph/db';
import { manyByKey } from '@soilgraph/server-kit';
import DataLoader from 'dataloader';
import { type SampleWithMeasurements, samplesWithMeasurements } from '../data/soil-samples.ts';

/** Each parcel's samples with their measurements, two queries per request tick; a parcel never sampled loads []. */
export function createSamplesByParcelIdLoader(db: Database) {
  return new DataLoader<string, SampleWithMeasurements[]>(async (ids) => {
    const items = await samplesWithMeasurements(db, { parcelIds: ids });
    return manyByKey(ids, items, (item) => item.sample.parcelId ?? '');
  });
}
