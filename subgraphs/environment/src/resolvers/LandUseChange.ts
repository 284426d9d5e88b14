import { asRef, compareKeys, type PageArgs, pageOfList, parsePage, required } from '@soilgraph/server-kit';
import { z } from 'zod';
import type { Context } from '../context.ts';
import type { CityRef, DistrictRef, LandUseChangeRef } from '../data/references.ts';
import type { SurveyGapConnectionModel, SurveyGapModel } from '../data/surveys.ts';
import type { CityResolvers, LandUseChangeResolvers } from '../generated/resolvers.ts';

export const LandUseChange: LandUseChangeResolvers = {
  // Planning owns the case register: environment keeps the representation (id, and the parcel when sent).
  __resolveReference: (change) => change,
};

/** A survey gap's place in the list: its change's proposal date and id (both descending, as planning orders the changes). */
const surveyGapCursor = z.tuple([z.iso.date(), z.string()]);
type SurveyGapCursor = z.infer<typeof surveyGapCursor>;
const gapKey = (gap: SurveyGapModel): SurveyGapCursor => [gap.change.proposedOn!, gap.change.id];
const newestFirst = (a: SurveyGapCursor, b: SurveyGapCursor) => compareKeys(b, a);

/**
 * Of the given changes (planning's sensitive-use changes, sent through @requires), those whose
 * parcel has no completed soil survey (plan item 17), most recently proposed first.
 */
export async function surveyGaps(changes: readonly LandUseChangeRef[], { loaders }: Context, where: string): Promise<SurveyGapModel[]> {
  const parcelIds = changes.map((change) => required(required(change, 'parcel', where), 'id', where));
  changes.forEach((change) => required(change, 'proposedOn', where));
  const surveys = await Promise.all(parcelIds.map((id) => loaders.soilSurveysByParcelId.load(id)));
  const gaps: SurveyGapModel[] = [];
  changes.forEach((change, i) => {
    const parcelSurveys = surveys[i]!;
    if (parcelSurveys.some((s) => s.completedOn !== null)) return;
    // Surveys come oldest first: the newest one in progress is the last.
    gaps.push({ change, parcel: { id: parcelIds[i]! }, surveyInProgress: parcelSurveys.findLast((s) => s.completedOn === null) ?? null });
  });
  // The cursors page in this order, whatever order the representation gave.
  return gaps.sort((a, b) => newestFirst(gapKey(a), gapKey(b)));
}

/** District/City.sensitiveUseChangesWithoutSurvey: the area's representation must carry sensitiveUseChanges { id proposedOn parcel { id } }. */
export async function sensitiveUseChangesWithoutSurvey(area: DistrictRef | CityRef, args: PageArgs, context: Context, where: string): Promise<SurveyGapConnectionModel> {
  const page = parsePage(args, surveyGapCursor);
  return pageOfList(await surveyGaps(required(area, 'sensitiveUseChanges', where), context, where), page, gapKey, newestFirst);
}

/** City.sensitiveUseChangesWithoutSurvey, ready for resolvers/City.ts. */
export const citySensitiveUseChangesWithoutSurvey: NonNullable<CityResolvers['sensitiveUseChangesWithoutSurvey']> = (city, args, context) =>
  sensitiveUseChangesWithoutSurvey(asRef<CityRef>(city), args, context, 'City: sensitiveUseChangesWithoutSurvey');
