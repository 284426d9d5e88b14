import { isEcoConservationDistrict } from '@soilgraph/domain';
import type { Context } from './context.ts';
import type { AgriculturalCoverageRow } from './data/coverage.ts';
import type { FarmlandClassDecisionRow } from './data/farmland-class-decisions.ts';
import { totalFertilizerT, type FertilizerUseRow } from './data/fertilizer-use.ts';
import type { PesticideUseRow } from './data/pesticide-use.ts';
import type { SafeUtilisationRecordRow } from './data/safe-utilisation.ts';
import type { PlanIndicator, PlanIndicatorKind, PlanIndicators } from './generated/resolvers.ts';
import { loadAll } from './loaders/load-all.ts';
import { BASELINE_YEAR, PLAN_TARGETS, targetFor, targetStatus } from './plan-targets.ts';

/*
 * An area's plan indicators (a district, or the city: its districts together) in one year,
 * from agriculture's own tables and planning's parcel areas:
 * - use change: (sum of the area's use in the year / sum in 2015 - 1) x 100, fertiliser as
 *   totalT (pure nutrient), pesticide as active ingredient;
 * - fertiliser utilisation: the rows' rates weighted by sown area;
 * - pesticide utilisation and environment-friendly share: weighted by active ingredient (a
 *   pesticide row has no area; both are shares of the active ingredient applied);
 * - soil-testing and unified pest control coverage: weighted by the districts' farmland area;
 * - safe-utilisation rate: contaminated farmland = the area's parcels whose latest decision on
 *   or before 31 December of the year is safe utilisation or strict control; safely used = those
 *   with a record of that year with at least one measure and compliant crops; the rate is their
 *   share of the contaminated area.
 * Rows without a rate are left out of a weighted mean; a value without rows is null (NO_DATA).
 */

/** The area an indicator set is computed for. */
export interface IndicatorArea {
  /** Current GB/T 2260 codes of its districts. */
  districtCodes: readonly string[];
  /** Its parcels' areas in hectares by parcel id (planning's, through @requires). */
  parcelAreas: ReadonlyMap<string, number>;
}

/** The area's rows of agriculture's tables, every year (the loaders' sets). */
export interface IndicatorRows {
  fertilizer: readonly FertilizerUseRow[];
  pesticide: readonly PesticideUseRow[];
  coverage: readonly AgriculturalCoverageRow[];
  decisions: readonly FarmlandClassDecisionRow[];
  safeUtilisation: readonly SafeUtilisationRecordRow[];
}

const CONTAMINATED = new Set(['SAFE_UTILISATION', 'STRICT_CONTROL']);

/** Rounds half up to a number of decimals. */
export function roundTo(value: number, decimals: number): number {
  const f = 10 ** decimals;
  return Math.round(value * f) / f;
}

/** The mean of the values weighted by their weights; items without a value (or weight) do not count; null when none does. */
export function weightedMean(items: readonly { value: number | null; weight: number }[]): number | null {
  let sum = 0;
  let weights = 0;
  for (const { value, weight } of items) {
    if (value === null || !(weight > 0)) continue;
    sum += value * weight;
    weights += weight;
  }
  return weights > 0 ? sum / weights : null;
}

interface Computed {
  valuePct: number | null;
  baselineT: number | null;
  currentT: number | null;
}

function change<R extends { year: number }>(rows: readonly R[], year: number, tonnes: (row: R) => number): Computed {
  const total = (y: number) => {
    const inYear = rows.filter((r) => r.year === y);
    return inYear.length === 0 ? null : roundTo(inYear.reduce((sum, r) => sum + tonnes(r), 0), 3);
  };
  const baselineT = total(BASELINE_YEAR);
  const currentT = total(year);
  const valuePct = baselineT === null || currentT === null || baselineT === 0 ? null : (currentT / baselineT - 1) * 100;
  return { valuePct, baselineT, currentT };
}

function rate(valuePct: number | null): Computed {
  return { valuePct, baselineT: null, currentT: null };
}

/** Each parcel's latest decision decided on or before the day (ISO date); decisions may come in any order. */
export function latestDecisionsBy(decisions: readonly FarmlandClassDecisionRow[], day: string | undefined): Map<string, FarmlandClassDecisionRow> {
  const latest = new Map<string, FarmlandClassDecisionRow>();
  for (const d of decisions) {
    if (day !== undefined && d.decidedOn > day) continue;
    const current = latest.get(d.parcelId);
    if (current === undefined || d.decidedOn > current.decidedOn || (d.decidedOn === current.decidedOn && d.id > current.id)) latest.set(d.parcelId, d);
  }
  return latest;
}

/** Safely used share of the area's contaminated farmland in the year, percent; null without contaminated farmland. */
export function safeUtilisationRate(rows: IndicatorRows, area: IndicatorArea, year: number): number | null {
  const safe = new Set(rows.safeUtilisation.filter((r) => r.year === year && r.measures.length > 0 && r.cropsCompliant).map((r) => r.parcelId));
  let contaminatedHa = 0;
  let safeHa = 0;
  for (const [parcelId, decision] of latestDecisionsBy(rows.decisions, `${year}-12-31`)) {
    const areaHa = area.parcelAreas.get(parcelId);
    if (areaHa === undefined || !CONTAMINATED.has(decision.farmlandClass)) continue;
    contaminatedHa += areaHa;
    if (safe.has(parcelId)) safeHa += areaHa;
  }
  return contaminatedHa > 0 ? (safeHa / contaminatedHa) * 100 : null;
}

function compute(indicator: PlanIndicatorKind, rows: IndicatorRows, area: IndicatorArea, year: number): Computed {
  const inYear = <R extends { year: number }>(list: readonly R[]) => list.filter((r) => r.year === year);
  switch (indicator) {
    case 'CHEMICAL_FERTILIZER_USE_CHANGE':
      return change(rows.fertilizer, year, totalFertilizerT);
    case 'CHEMICAL_PESTICIDE_USE_CHANGE':
      return change(rows.pesticide, year, (r) => r.activeIngredientT);
    case 'FERTILIZER_UTILISATION_RATE':
      return rate(weightedMean(inYear(rows.fertilizer).map((r) => ({ value: r.utilisationRatePct, weight: r.sownAreaHa }))));
    case 'PESTICIDE_UTILISATION_RATE':
      return rate(weightedMean(inYear(rows.pesticide).map((r) => ({ value: r.utilisationRatePct, weight: r.activeIngredientT }))));
    case 'SOIL_TESTING_COVERAGE':
      return rate(weightedMean(inYear(rows.coverage).map((r) => ({ value: r.soilTestingCoveragePct, weight: r.farmlandAreaHa }))));
    case 'UNIFIED_PEST_CONTROL_COVERAGE':
      return rate(weightedMean(inYear(rows.coverage).map((r) => ({ value: r.unifiedPestControlCoveragePct, weight: r.farmlandAreaHa }))));
    case 'SAFE_UTILISATION_RATE':
      return rate(safeUtilisationRate(rows, area, year));
    case 'ENVIRONMENT_FRIENDLY_PESTICIDE_SHARE':
      return rate(
        weightedMean(
          inYear(rows.pesticide)
            .filter((r) => isEcoConservationDistrict(r.districtCode))
            .map((r) => ({ value: r.environmentFriendlySharePct, weight: r.activeIngredientT })),
        ),
      );
  }
}

/**
 * The area's indicators in the year, in PlanIndicatorKind order; the eco-conservation one only
 * when the area holds an ecological conservation district (computed over those districts).
 */
export function planIndicators(rows: IndicatorRows, area: IndicatorArea, year: number): PlanIndicators {
  const hasEco = area.districtCodes.some(isEcoConservationDistrict);
  const indicators: PlanIndicator[] = PLAN_TARGETS.filter((entry) => !entry.ecoDistrictsOnly || hasEco).map((entry) => {
    const target = targetFor(entry, year);
    const computed = compute(entry.indicator, rows, area, year);
    const valuePct = computed.valuePct === null ? null : roundTo(computed.valuePct, 1);
    return {
      indicator: entry.indicator,
      valuePct,
      targetPct: target.targetPct,
      targetYear: target.targetYear,
      target: target.target,
      status: targetStatus(entry.direction, target, year, valuePct),
      baselineT: computed.baselineT,
      currentT: computed.currentT,
    };
  });
  return { year, baselineYear: BASELINE_YEAR, indicators };
}

/** Loads the area's rows (one query per table for all districts of the request tick) and computes its indicators. */
export async function areaPlanIndicators({ loaders }: Context, area: IndicatorArea, year: number): Promise<PlanIndicators> {
  const codes = area.districtCodes;
  const [fertilizer, pesticide, coverage, decisions, safeUtilisation] = await Promise.all([
    loadAll(loaders.fertilizerUseByDistrictCode, codes),
    loadAll(loaders.pesticideUseByDistrictCode, codes),
    loadAll(loaders.coverageByDistrictCode, codes),
    loadAll(loaders.decisionsByDistrictCode, codes),
    loadAll(loaders.safeUtilisationByDistrictCode, codes),
  ]);
  return planIndicators({ fertilizer, pesticide, coverage, decisions, safeUtilisation }, area, year);
}
