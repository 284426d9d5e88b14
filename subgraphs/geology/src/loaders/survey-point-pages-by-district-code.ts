import type { Database } from '@soilgraph/db';
import { nestedConnections, nestedPageCacheKey, type NestedPageRequest } from '@soilgraph/server-kit';
import DataLoader from 'dataloader';
import { type SurveyPointConnectionModel, type SurveyPointCursor, type SurveyPointQuery, surveyPointsByDistrict } from '../data/survey-points.ts';

/** Each district's page of survey points: one statement per request tick for every district asking the same page, one more for their totalCounts. */
export function createSurveyPointPagesByDistrictCodeLoader(db: Database) {
  const source = surveyPointsByDistrict(db);
  return new DataLoader<NestedPageRequest<SurveyPointQuery, SurveyPointCursor>, SurveyPointConnectionModel, string>(
    (requests) => nestedConnections(requests, source),
    { cacheKeyFn: nestedPageCacheKey },
  );
}
