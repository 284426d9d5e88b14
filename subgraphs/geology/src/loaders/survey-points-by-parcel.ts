import type { Database } from '@soilgraph/db';
import DataLoader from 'dataloader';
import { type ParcelGeometry, surveyPointsWithinParcels } from '../data/parcel-geology.ts';
import type { SurveyPointRow } from '../data/survey-points.ts';

/** Survey points inside each parcel's boundary, keyed by parcel id: one candidate query per batch. */
export function createSurveyPointsByParcelLoader(db: Database) {
  return new DataLoader<ParcelGeometry, SurveyPointRow[], string>((parcels) => surveyPointsWithinParcels(db, parcels), {
    cacheKeyFn: (parcel) => parcel.id,
  });
}
