import type { Database } from '@soilgraph/db';
import { manyByKey } from '@soilgraph/server-kit';
import DataLoader from 'dataloader';
import { type SampleWithMeasurements, samplesWithMeasurements } from '../data/soil-samples.ts';

/**
 * Each district's samples with their measurements, two queries per request tick however many
 * districts and fields ask (soilRisk and farmlandClassSuggestions of one district share them).
 */
export function createSamplesByDistrictCodeLoader(db: Database) {
  return new DataLoader<string, SampleWithMeasurements[]>(async (codes) => {
    const items = await samplesWithMeasurements(db, { districtCodes: codes });
    return manyByKey(codes, items, (item) => item.sample.districtCode);
  });
}
