import type { Database } from '@soilgraph/db';
import type { SoilType } from '@soilgraph/db/geology';
import DataLoader from 'dataloader';
import { dominantSoilTypes } from '../data/survey-points.ts';

/** Each district's dominant soil type, one query per request tick; a district without points loads null. */
export function createDominantSoilTypeByDistrictLoader(db: Database) {
  return new DataLoader<string, SoilType | null>(async (codes) => {
    const byCode = await dominantSoilTypes(db, codes);
    return codes.map((code) => byCode.get(code) ?? null);
  });
}
