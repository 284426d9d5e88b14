import type { FarmlandClass, RiskLevel } from '../assessment/index.ts';
import type { SoilStandardCode } from '../assessment/standards.ts';
import type { ParcelSoilAssessmentModel } from './surveys.ts';

const STANDARDS: readonly SoilStandardCode[] = ['GB_15618_2018', 'GB_36600_2018', 'NONE'];
const LEVELS: readonly (RiskLevel | null)[] = ['NEGLIGIBLE', 'POSSIBLE', 'HIGH', null];
const CLASSES: readonly FarmlandClass[] = ['PRIORITY_PROTECTION', 'SAFE_UTILISATION', 'STRICT_CONTROL'];

/** GraphQL SoilRiskSummary: published, so it holds counts only, nothing finer than the area. */
export interface SoilRiskSummaryModel {
  parcelsSampled: number;
  counts: { standard: SoilStandardCode; riskLevel: RiskLevel | null; parcels: number }[];
  suggestedFarmlandClasses: { farmlandClass: FarmlandClass; parcels: number }[];
}

/** Counts the parcels of an area per standard and risk level of their latest survey. */
export function soilRiskSummary(surveys: readonly ParcelSoilAssessmentModel[]): SoilRiskSummaryModel {
  const counts = STANDARDS.flatMap((standard) =>
    LEVELS.map((riskLevel) => ({
      standard,
      riskLevel,
      parcels: surveys.filter((s) => s.standard.standard === standard && s.riskLevel === riskLevel).length,
    })),
  ).filter((c) => c.parcels > 0);
  return {
    parcelsSampled: surveys.length,
    counts,
    suggestedFarmlandClasses: CLASSES.map((farmlandClass) => ({
      farmlandClass,
      parcels: surveys.filter((s) => s.suggestedFarmlandClass === farmlandClass).length,
    })),
  };
}
