import type { Database } from '@soilgraph/db';
import { oneByKey } from '@soilgraph/server-kit';
import DataLoader from 'dataloader';
import { type SurveyPointRow, surveyPointsByIds } from '../data/survey-points.ts';

/** Survey points by id, one query per request tick; a missing id loads null. */
export function createSurveyPointByIdLoader(db: Database) {
  return new DataLoader<string, SurveyPointRow | null>(async (ids) => {
    const rows = await surveyPointsByIds(db, ids);
    return oneByKey(ids, rows, (r) => r.id);
  });
}
