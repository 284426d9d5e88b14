import { remembered, required } from '@soilgraph/server-kit';
import type { Context } from '../context.ts';
import type { CityRef, DistrictRef, ParcelRef, ProtectionZoneRef, WaterSourceRef } from '../data/references.ts';
import { type AssessmentContext, districtsContext, parcelContext, zonesContext } from './context.ts';
import { earlyWarning, type EarlyWarningOptions, earlyWarningSummary, type EarlyWarningSummaryModel, type SoilEarlyWarningModel, warningCandidate, zoneBoxes, zonesOf } from './early-warning.ts';
import { soilRiskSummary, type SoilRiskSummaryModel } from './summaries.ts';
import { assessAll, latestSurvey, latestSurveys, type ParcelSoilAssessmentModel } from './surveys.ts';

export type { EarlyWarningSummaryModel, SoilEarlyWarningModel, ZoneSampleExceedanceModel } from './early-warning.ts';
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
async function areaSurveys({ loaders }: Context, districts: readonly DistrictRef[], where: string, { backgrounds = true } = {}): Promise<ParcelSoilAssessmentModel[]> {
  const context = districtsContext(districts, where, { backgrounds });
  const items = (await Promise.all(districts.map((d) => loaders.latestSurveySamplesByDistrictCode.load(d.code)))).flat();
  return latestSurveys(assessAll(items, context));
}

/**
 * Early warning for water sources that each carry their zones, each sample in a zone assessed in
 * `context` (planning's land use of its parcel, geology's background of its district).
 * The candidate samples of all sources asking in one request tick come from one loader batch.
 */
async function waterSourceWarnings(
  { loaders }: Context,
  sources: readonly WaterSourceRef[],
  context: AssessmentContext,
  options: EarlyWarningOptions,
  where: string,
): Promise<SoilEarlyWarningModel[]> {
  const zonesBySource = sources.map((source) => zonesOf(source, where));
  const candidates = await Promise.all(
    sources.map((source, i) => loaders.samplesInZonesByWaterSourceId.load({ id: source.id, boxes: zoneBoxes(zonesBySource[i]!) })),
  );
  // A sample in the zone boxes of several sources (the city's, where zones overlap) is assessed once:
  // the loader gives each sample as one object to every source that holds it.
  const distinct = [...new Set(candidates.flat())];
  const assessed = new Map(assessAll(distinct, context).map((a, i) => [distinct[i]!, warningCandidate(a, options)]));
  return zonesBySource.map((zones, i) => earlyWarning(zones, candidates[i]!.map((item) => assessed.get(item)!), options));
}

/*
 * The area-wide figures the resolvers answer: each reads every sample of its area, so each is
 * remembered (server-kit's remembered) under the parts of the representation it reads and its arguments.
 */

/** The soil risk of one or more districts (a district's or the city's SoilRiskSummary). */
export function areaSoilRisk(context: Context, districts: readonly DistrictRef[], where: string): Promise<SoilRiskSummaryModel> {
  const inputs = districts.map((d) => ({ code: d.code, allParcels: d.allParcels, backgroundValues: d.backgroundValues }));
  return remembered(context.db, 'soilRisk', inputs, context.dataVersion(), async () => soilRiskSummary(await areaSurveys(context, districts, where)));
}

/** The farmland class suggestions of one or more districts' latest surveys (GB 15618 land uses no background). */
export function areaFarmlandClassSuggestions(context: Context, districts: readonly DistrictRef[], where: string): Promise<FarmlandClassSuggestionModel[]> {
  const inputs = districts.map((d) => ({ code: d.code, allParcels: d.allParcels }));
  return remembered(context.db, 'farmlandClassSuggestions', inputs, context.dataVersion(), async () =>
    farmlandClassSuggestions(await areaSurveys(context, districts, where, { backgrounds: false })),
  );
}

const zonesOfSources = (sources: readonly WaterSourceRef[], where: string): ProtectionZoneRef[] => sources.flatMap((source) => required(source, 'zones', where));

/**
 * The early warning of every source of an area, summed up (a district's or the city's
 * EarlyWarningSummary). A district gives the parcels in its sources' zones, each once (the zones
 * overlap, and may reach into the neighbouring districts); the city gives its districts instead,
 * whose parcels are all parcels.
 */
export function areaEarlyWarning(
  context: Context,
  sources: readonly WaterSourceRef[],
  where: string,
  land: { parcelsInZones: readonly ParcelRef[] } | { districts: readonly DistrictRef[] },
): Promise<EarlyWarningSummaryModel> {
  const inputs = {
    sources: sources.map((s) => ({ id: s.id, zones: s.zones })),
    land: 'districts' in land ? land.districts.map((d) => ({ code: d.code, allParcels: d.allParcels, backgroundValues: d.backgroundValues })) : land.parcelsInZones,
  };
  return remembered(context.db, 'earlyWarningSummary', inputs, context.dataVersion(), async () => {
    const assessment = 'districts' in land ? districtsContext(land.districts, where) : zonesContext(zonesOfSources(sources, where), land.parcelsInZones, where);
    return earlyWarningSummary(await waterSourceWarnings(context, sources, assessment, {}, where));
  });
}

/**
 * One water source's early warning within the options, its zones carrying their parcels. Sources of
 * one request that are not remembered share one loader batch.
 */
export function sourceEarlyWarning(context: Context, source: WaterSourceRef, options: EarlyWarningOptions, where: string): Promise<SoilEarlyWarningModel> {
  return remembered(context.db, 'soilEarlyWarning', { id: source.id, zones: source.zones, options }, context.dataVersion(), async () => {
    const zones = zonesOfSources([source], where);
    const assessment = zonesContext(zones, zones.flatMap((zone) => required(zone, 'parcels', where)), where);
    const [warning] = await waterSourceWarnings(context, [source], assessment, options, where);
    return warning!;
  });
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
