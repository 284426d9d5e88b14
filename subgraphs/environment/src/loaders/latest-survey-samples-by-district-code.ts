import type { Database } from '@soilgraph/db';
import { manyByKey } from '@soilgraph/server-kit';
import DataLoader from 'dataloader';
import { type SampleWithMeasurements, samplesWithMeasurements } from '../data/soil-samples.ts';

/**
 * Each district's samples of its parcels' latest surveys, with their measurements: what the area
 * figures assess. Two queries per request tick however many districts and fields ask (soilRisk and
 * farmlandClassSuggestions of one district share them).
 */
export function createLatestSurveySamplesByDistrictCodeLoader(db: Database) {
  return new DataLoader<string, SampleWithMeasurements[]>(async (codes) => {
    const items = await samplesWithMeasurements(db, { districtCodes: codes, latestSurveysOnly: true });
    return manyByKey(codes, items, (item) => item.sample.districtCode);
  });
}
