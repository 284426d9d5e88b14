import type { PlanIndicatorKind, TargetStatus } from './generated/resolvers.ts';

/*
 * The plan's agricultural targets as reviewed data: Beijing soil pollution prevention work plan
 * (北京市土壤污染防治工作方案, 2016), transcribed in domain.md, "Plan targets". One entry per
 * indicator, in PlanIndicatorKind order, each naming the row of that table it comes from, so a
 * reviewer can compare it with the original. Percentages; a reduction is a negative change.
 */

/** Reductions are measured against 2015 ("2015 unless stated": the plan names no other year). */
export const BASELINE_YEAR = 2015;

/** One target of an indicator: the value to reach by a year, and the plan's words. */
export interface PlanTarget {
  targetPct: number;
  targetYear: number;
  target: string;
}

export interface PlanTargetEntry {
  indicator: PlanIndicatorKind;
  /** AT_MOST: the value must be at or below the target (reductions); AT_LEAST: at or above it. */
  direction: 'AT_MOST' | 'AT_LEAST';
  /** Oldest target year first. */
  targets: readonly PlanTarget[];
  /** Only the ecological conservation districts (and the city over them) report it. */
  ecoDistrictsOnly: boolean;
  /** The row of domain.md "Plan targets" (the plan's table) the entry transcribes. */
  source: string;
}

const SOURCE = 'Beijing soil pollution prevention work plan (2016); domain.md "Plan targets", row';

export const PLAN_TARGETS: readonly PlanTargetEntry[] = [
  {
    indicator: 'CHEMICAL_FERTILIZER_USE_CHANGE',
    direction: 'AT_MOST',
    targets: [{ targetPct: -20, targetYear: 2020, target: 'chemical fertiliser use cut by 20% or more against 2015 by 2020' }],
    ecoDistrictsOnly: false,
    source: `${SOURCE} "chemical fertiliser use | -20% or more by 2020"`,
  },
  {
    indicator: 'CHEMICAL_PESTICIDE_USE_CHANGE',
    direction: 'AT_MOST',
    targets: [{ targetPct: -15, targetYear: 2020, target: 'chemical pesticide use cut by 15% or more against 2015 by 2020' }],
    ecoDistrictsOnly: false,
    source: `${SOURCE} "chemical pesticide use | -15% or more by 2020"`,
  },
  {
    indicator: 'FERTILIZER_UTILISATION_RATE',
    direction: 'AT_LEAST',
    targets: [{ targetPct: 40, targetYear: 2019, target: 'fertiliser utilisation rate at least 40% by 2019' }],
    ecoDistrictsOnly: false,
    source: `${SOURCE} "fertiliser utilisation rate | >= 40% by 2019"`,
  },
  {
    indicator: 'PESTICIDE_UTILISATION_RATE',
    direction: 'AT_LEAST',
    targets: [{ targetPct: 45, targetYear: 2020, target: 'pesticide utilisation rate at least 45% by 2020' }],
    ecoDistrictsOnly: false,
    source: `${SOURCE} "pesticide utilisation rate | >= 45% by 2020"`,
  },
  {
    indicator: 'SOIL_TESTING_COVERAGE',
    direction: 'AT_LEAST',
    targets: [{ targetPct: 98, targetYear: 2020, target: 'soil-testing formula fertilisation (测土配方) on at least 98% of farmland by 2020' }],
    ecoDistrictsOnly: false,
    source: `${SOURCE} "soil-testing formula fertilisation in practice (测土配方) | >= 98% by 2020"`,
  },
  {
    indicator: 'UNIFIED_PEST_CONTROL_COVERAGE',
    direction: 'AT_LEAST',
    targets: [{ targetPct: 40, targetYear: 2019, target: 'unified professional pest control (统防统治) covering at least 40% by 2019' }],
    ecoDistrictsOnly: false,
    source: `${SOURCE} "unified professional pest control coverage (统防统治) | >= 40% by 2019"`,
  },
  {
    indicator: 'SAFE_UTILISATION_RATE',
    direction: 'AT_LEAST',
    targets: [
      { targetPct: 90, targetYear: 2020, target: 'safe-utilisation rate of contaminated farmland at least 90% by 2020' },
      { targetPct: 95, targetYear: 2030, target: 'safe-utilisation rate of contaminated farmland at least 95% by 2030' },
    ],
    ecoDistrictsOnly: false,
    source: `${SOURCE} "safe-utilisation rate of contaminated farmland | >= 90% by 2020; >= 95% by 2030"`,
  },
  {
    indicator: 'ENVIRONMENT_FRIENDLY_PESTICIDE_SHARE',
    direction: 'AT_LEAST',
    targets: [{ targetPct: 100, targetYear: 2019, target: 'environment-friendly pesticides only (100%) in the ecological conservation districts from 2019' }],
    ecoDistrictsOnly: true,
    source: `${SOURCE} "eco-conservation districts | environment-friendly pesticides only from 2019"`,
  },
];

/** The target a year is measured against: the earliest whose year is the year or later, else the last one. */
export function targetFor(entry: PlanTargetEntry, year: number): PlanTarget {
  return entry.targets.find((t) => t.targetYear >= year) ?? entry.targets.at(-1)!;
}

/**
 * Whether a value meets its target: NO_DATA without a value; MET when it is at the target or
 * beyond it (a reduction at or below it: -21 meets -20); otherwise NOT_MET once the target
 * year has come, NOT_YET_DUE before. The value is judged as published (rounded to 1 decimal).
 */
export function targetStatus(direction: PlanTargetEntry['direction'], target: PlanTarget, year: number, valuePct: number | null): TargetStatus {
  if (valuePct === null) return 'NO_DATA';
  const met = direction === 'AT_MOST' ? valuePct <= target.targetPct : valuePct >= target.targetPct;
  if (met) return 'MET';
  return year >= target.targetYear ? 'NOT_MET' : 'NOT_YET_DUE';
}
