import type { Database } from '@soilgraph/db';
import DataLoader from 'dataloader';
import { type AreaGeometry, surveyPointsWithinAreas } from '../data/area-geology.ts';
import type { SurveyPointRow } from '../data/survey-points.ts';

/** Survey points inside each area's boundary, keyed by typename and id: one candidate query per batch. */
export function createSurveyPointsByAreaLoader(db: Database) {
  return new DataLoader<AreaGeometry, SurveyPointRow[], string>((areas) => surveyPointsWithinAreas(db, areas), {
    cacheKeyFn: (area) => area.key,
  });
}
