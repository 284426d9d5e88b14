import type { Database } from '@soilgraph/db';
import type { Connection } from '@soilgraph/server-kit';
import { type SoilSurveyRow, soilSurveys } from '@soilgraph/db/environment';
import { asc, inArray } from 'drizzle-orm';
import type { LandUseChangeRef, ParcelRef } from './references.ts';

export type { SoilSurveyRow };

/** The surveys of any of these parcels, each parcel's oldest first (start day, then id). */
export async function soilSurveysByParcelIds(db: Database, parcelIds: readonly string[]): Promise<SoilSurveyRow[]> {
  return db
    .select()
    .from(soilSurveys)
    .where(inArray(soilSurveys.parcelId, [...parcelIds]))
    .orderBy(asc(soilSurveys.parcelId), asc(soilSurveys.startedOn), asc(soilSurveys.id));
}

/** GraphQL SurveyGap: a change to a sensitive use whose parcel has no completed survey. */
export interface SurveyGapModel {
  change: LandUseChangeRef;
  parcel: ParcelRef;
  /** The parcel's newest survey, in progress; null when none was ever started. */
  surveyInProgress: SoilSurveyRow | null;
}

export type SurveyGapConnectionModel = Connection<SurveyGapModel>;
