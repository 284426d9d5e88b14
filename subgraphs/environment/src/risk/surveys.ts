import { type AnalyteAssessment, type ApplicableStandard, compareSeverity, FARMLAND_CLASS_OF, type FarmlandClass, type RiskLevel, type SoilAssessment } from '../assessment/index.ts';
import type { SampleWithMeasurements, SoilSampleRow } from '../data/soil-samples.ts';
import { type AssessmentContext, assessStoredSample } from './context.ts';

/** A stored sample with its assessment. */
export interface AssessedSample {
  sample: SoilSampleRow;
  assessment: SoilAssessment;
}

/** A parcel's latest survey: the samples taken on it in the most recent year it was sampled (GraphQL ParcelSoilAssessment). */
export interface ParcelSoilAssessmentModel {
  parcelId: string;
  standard: ApplicableStandard;
  surveyYear: number;
  sampledOn: string;
  /** Newest first (sampling date, then id, both descending). */
  samples: SoilSampleRow[];
  riskLevel: RiskLevel | null;
  suggestedFarmlandClass: FarmlandClass | null;
  worstSample: SoilSampleRow | null;
  worstAnalyte: AnalyteAssessment | null;
  complete: boolean;
}

export function assessAll(items: readonly SampleWithMeasurements[], context: AssessmentContext): AssessedSample[] {
  return items.map(({ sample, measurements }) => ({ sample, assessment: assessStoredSample(sample, measurements, context) }));
}

/** Newest first: sampling date, then id, both descending (the order of every sample list). */
export function newestFirst(a: SoilSampleRow, b: SoilSampleRow): number {
  return a.sampledOn < b.sampledOn ? 1 : a.sampledOn > b.sampledOn ? -1 : a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}

/** The latest survey of one parcel's assessed samples; null when there are none. */
export function latestSurvey(parcelId: string, assessed: readonly AssessedSample[]): ParcelSoilAssessmentModel | null {
  if (assessed.length === 0) return null;
  const surveyYear = Math.max(...assessed.map((a) => Number(a.sample.sampledOn.slice(0, 4))));
  const survey = assessed.filter((a) => Number(a.sample.sampledOn.slice(0, 4)) === surveyYear).sort((a, b) => newestFirst(a.sample, b.sample));
  let worst: { sample: SoilSampleRow; analyte: AnalyteAssessment } | null = null;
  for (const { sample, assessment } of survey) {
    const analyte = assessment.worstAnalyte;
    if (analyte !== null && (worst === null || compareSeverity(analyte, worst.analyte) < 0)) worst = { sample, analyte };
  }
  const standard = survey[0]!.assessment.standard;
  const riskLevel = worst?.analyte.level ?? null;
  return {
    parcelId,
    standard,
    surveyYear,
    sampledOn: survey[0]!.sample.sampledOn,
    samples: survey.map((a) => a.sample),
    riskLevel,
    suggestedFarmlandClass: standard.standard === 'GB_15618_2018' && riskLevel !== null ? FARMLAND_CLASS_OF[riskLevel] : null,
    worstSample: worst?.sample ?? null,
    worstAnalyte: worst?.analyte ?? null,
    complete: survey.every((a) => a.assessment.complete),
  };
}

/** The latest survey of every sampled parcel among the assessed samples, ordered by parcel id. */
export function latestSurveys(assessed: readonly AssessedSample[]): ParcelSoilAssessmentModel[] {
  const byParcel = new Map<string, AssessedSample[]>();
  for (const a of assessed) {
    if (a.sample.parcelId === null) continue;
    const list = byParcel.get(a.sample.parcelId) ?? [];
    list.push(a);
    byParcel.set(a.sample.parcelId, list);
  }
  return [...byParcel.keys()].sort().map((id) => latestSurvey(id, byParcel.get(id)!)!);
}
