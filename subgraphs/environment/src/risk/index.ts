import { required } from '@soilgraph/server-kit';
import type { Context } from '../context.ts';
import type { CityRef, DistrictRef, ParcelRef, WaterSourceRef } from '../data/references.ts';
import { districtsContext, parcelContext, zoneParcelsContext } from './context.ts';
import { earlyWarning, type EarlyWarningOptions, type SoilEarlyWarningModel, zoneBoxes, zonesOf } from './early-warning.ts';
import { assessAll, latestSurvey, latestSurveys, type ParcelSoilAssessmentModel } from './surveys.ts';

export { earlyWarningSummary } from './early-warning.ts';
export type { EarlyWarningSummaryModel, SoilEarlyWarningModel, ZoneSampleExceedanceModel } from './early-warning.ts';
export { soilRiskSummary } from './summaries.ts';
export type { SoilRiskSummaryModel } from './summaries.ts';
export { assessStoredSample, parcelContext, sampleContext } from './context.ts';
export type { AssessedSample, ParcelSoilAssessmentModel } from './surveys.ts';

/*
 * Environment's assessments of its stored samples, computed on request from the engine in
 * ../assessment with the other agencies' facts the gateway sends through @requires.
 */

/**
 * A parcel's latest survey; the parcel carries planning's land use and geology's background.
 * `surveySamplesOnly` leaves out the monitoring network's samples, keeping those taken in soil
 * surveys of the parcel (a contaminated site is judged on its surveys).
 */
export async function parcelSoilAssessment(parcel: ParcelRef, { loaders }: Context, where: string, { surveySamplesOnly = false } = {}): Promise<ParcelSoilAssessmentModel | null> {
  const context = parcelContext(parcel, where);
  const items = (await loaders.samplesByParcelId.load(parcel.id)).filter((item) => !surveySamplesOnly || item.sample.pointId === null);
  return latestSurvey(parcel.id, assessAll(items, context));
}

/** The districts a City representation carries. */
export function districtsOf(city: CityRef, where: string): DistrictRef[] {
  return required(city, 'districts', where);
}

/**
 * The latest survey of every sampled parcel of the districts, ordered by parcel id.
 * Backgrounds are needed only for construction land (GB 36600 arsenic).
 */
export async function areaSurveys({ loaders }: Context, districts: readonly DistrictRef[], where: string, { backgrounds = true } = {}): Promise<ParcelSoilAssessmentModel[]> {
  const context = districtsContext(districts, where, { backgrounds });
  const items = (await Promise.all(districts.map((d) => loaders.samplesByDistrictCode.load(d.code)))).flat();
  return latestSurveys(assessAll(items, context));
}

/**
 * Early warning for water sources that each carry their zones, with planning's parcels in each
 * zone (land use, district background): the context every sample in a zone is assessed in.
 * The candidate samples of all sources asking in one request tick come from one loader batch.
 */
export async function waterSourceWarnings({ loaders }: Context, sources: readonly WaterSourceRef[], options: EarlyWarningOptions, where: string): Promise<SoilEarlyWarningModel[]> {
  const zonesBySource = sources.map((source) => zonesOf(source, where));
  const context = zoneParcelsContext(sources.flatMap((source) => required(source, 'zones', where)), where);
  const candidates = await Promise.all(
    sources.map((source, i) => loaders.samplesInZonesByWaterSourceId.load({ id: source.id, boxes: zoneBoxes(zonesBySource[i]!) })),
  );
  return zonesBySource.map((zones, i) => earlyWarning(zones, assessAll(candidates[i]!, context), options));
}

/** GraphQL FarmlandClassSuggestion: a farmland parcel's latest survey, for agriculture to compare with its decision. */
export interface FarmlandClassSuggestionModel {
  parcel: { id: string };
  farmlandClass: NonNullable<ParcelSoilAssessmentModel['suggestedFarmlandClass']>;
  sampledOn: string;
  worstAnalyte: NonNullable<ParcelSoilAssessmentModel['worstAnalyte']>['analyte'];
}

/** The suggestions among an area's latest surveys (GB 15618-2018 parcels with an assessed analyte), ordered by parcel id. */
export function farmlandClassSuggestions(surveys: readonly ParcelSoilAssessmentModel[]): FarmlandClassSuggestionModel[] {
  return surveys.flatMap((s) =>
    s.suggestedFarmlandClass === null || s.worstAnalyte === null
      ? []
      : [{ parcel: { id: s.parcelId }, farmlandClass: s.suggestedFarmlandClass, sampledOn: s.sampledOn, worstAnalyte: s.worstAnalyte.analyte }],
  );
}
