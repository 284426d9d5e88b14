import type { Database } from '@soilgraph/db';
import { manyByKey } from '@soilgraph/server-kit';
import DataLoader from 'dataloader';
import { type SoilSurveyRow, soilSurveysByParcelIds } from '../data/surveys.ts';

/** Each parcel's soil surveys, oldest first, one query per request tick; a parcel never surveyed loads []. */
export function createSoilSurveysByParcelIdLoader(db: Database) {
  return new DataLoader<string, SoilSurveyRow[]>(async (parcelIds) => {
    const rows = await soilSurveysByParcelIds(db, parcelIds);
    return manyByKey(parcelIds, rows, (s) => s.parcelId);
  });
}
