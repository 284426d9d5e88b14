import type { FarmlandClass, PlanIndicatorKind, RiskLevel, SoilQualityStandard, ZoneLevel } from './generated.ts';

export const RISK_LEVELS: Record<RiskLevel, string> = { NEGLIGIBLE: 'negligible', POSSIBLE: 'possible', HIGH: 'high' };
export const STANDARDS: Record<SoilQualityStandard, string> = { GB_15618_2018: 'GB 15618 (farmland)', GB_36600_2018: 'GB 36600 (construction)', NONE: 'no standard' };
export const FARMLAND_CLASSES: Record<FarmlandClass, string> = {
  PRIORITY_PROTECTION: 'priority protection',
  SAFE_UTILISATION: 'safe utilisation',
  STRICT_CONTROL: 'strict control',
};
export const ZONE_LEVELS: Record<ZoneLevel, string> = { LEVEL_1: 'level 1', LEVEL_2: 'level 2', QUASI: 'quasi' };
export const INDICATORS: Record<PlanIndicatorKind, string> = {
  CHEMICAL_FERTILIZER_USE_CHANGE: 'chemical fertiliser use change',
  CHEMICAL_PESTICIDE_USE_CHANGE: 'chemical pesticide use change',
  ENVIRONMENT_FRIENDLY_PESTICIDE_SHARE: 'environment-friendly pesticide share',
  FERTILIZER_UTILISATION_RATE: 'fertiliser utilisation rate',
  PESTICIDE_UTILISATION_RATE: 'pesticide utilisation rate',
  SAFE_UTILISATION_RATE: 'safe-utilisation rate',
  SOIL_TESTING_COVERAGE: 'soil-testing coverage',
  UNIFIED_PEST_CONTROL_COVERAGE: 'unified pest control coverage',
};

/** Share of the sampled parcels whose soil risk is possible or high, 0-1; null when none was sampled. */
export function atRiskShare(summary: { parcelsSampled: number; counts: readonly { riskLevel: RiskLevel | null; parcels: number }[] }): number | null {
  if (summary.parcelsSampled === 0) return null;
  const atRisk = summary.counts.filter((c) => c.riskLevel === 'POSSIBLE' || c.riskLevel === 'HIGH').reduce((sum, c) => sum + c.parcels, 0);
  return atRisk / summary.parcelsSampled;
}

export const percent = (share: number | null) => (share === null ? 'no samples' : `${(share * 100).toFixed(1)}%`);

/** The map's colour bins of the share of sampled parcels at possible or high risk. */
export const RISK_BINS: readonly { upTo: number; colour: string }[] = [
  { upTo: 0.05, colour: '#1a9850' },
  { upTo: 0.1, colour: '#91cf60' },
  { upTo: 0.2, colour: '#fee08b' },
  { upTo: 0.4, colour: '#fc8d59' },
  { upTo: Number.POSITIVE_INFINITY, colour: '#d73027' },
];
export const NO_DATA = '#cccccc';

export const colourOf = (share: number | null | undefined) => (share == null ? NO_DATA : RISK_BINS.find((b) => share <= b.upTo)!.colour);
