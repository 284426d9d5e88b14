import { asRef, required } from '@soilgraph/server-kit';
import type { Context } from '../context.ts';
import type { CityRef, DistrictRef, LandUseChangeRef } from '../data/references.ts';
import type { SurveyGapModel } from '../data/surveys.ts';
import type { CityResolvers, LandUseChangeResolvers } from '../generated/resolvers.ts';

export const LandUseChange: LandUseChangeResolvers = {
  // Planning owns the case register: environment keeps the representation (id, and the parcel when sent).
  __resolveReference: (change) => change,
};

/**
 * Of the given changes (planning's sensitive-use changes, sent through @requires), those whose
 * parcel has no completed soil survey (plan item 17), in the given order.
 */
export async function surveyGaps(changes: readonly LandUseChangeRef[], { loaders }: Context, where: string): Promise<SurveyGapModel[]> {
  const parcelIds = changes.map((change) => required(required(change, 'parcel', where), 'id', where));
  const surveys = await Promise.all(parcelIds.map((id) => loaders.soilSurveysByParcelId.load(id)));
  const gaps: SurveyGapModel[] = [];
  changes.forEach((change, i) => {
    const parcelSurveys = surveys[i]!;
    if (parcelSurveys.some((s) => s.completedOn !== null)) return;
    // Surveys come oldest first: the newest one in progress is the last.
    gaps.push({ change, parcel: { id: parcelIds[i]! }, surveyInProgress: parcelSurveys.findLast((s) => s.completedOn === null) ?? null });
  });
  return gaps;
}

/** District/City.sensitiveUseChangesWithoutSurvey: the area's representation must carry sensitiveUseChanges { id parcel { id } }. */
export function sensitiveUseChangesWithoutSurvey(area: DistrictRef | CityRef, context: Context, where: string): Promise<SurveyGapModel[]> {
  return surveyGaps(required(area, 'sensitiveUseChanges', where), context, where);
}

/** City.sensitiveUseChangesWithoutSurvey, ready for resolvers/City.ts. */
export const citySensitiveUseChangesWithoutSurvey: NonNullable<CityResolvers['sensitiveUseChangesWithoutSurvey']> = (city, _, context) =>
  sensitiveUseChangesWithoutSurvey(asRef<CityRef>(city), context, 'City: sensitiveUseChangesWithoutSurvey');
