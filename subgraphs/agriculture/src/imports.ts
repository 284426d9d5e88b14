import type { ImportKind } from '@soilgraph/server-kit';
import type { FarmlandClassDecisionEntity } from './data/farmland-class-decision-writes.ts';
import type { FertilizerUseEntity } from './data/fertilizer-use-writes.ts';
import type { PesticideUseEntity } from './data/pesticide-use-writes.ts';
import type { SafeUtilisationRecordEntity } from './data/safe-utilisation-writes.ts';
import type { FarmlandClassDecisionSubmissionRow, FertilizerUseSubmissionRow, PesticideUseSubmissionRow, SafeUtilisationRecordSubmissionRow } from './inputs.ts';
import { farmlandClassDecisionSubmissions, fertilizerUseSubmissions, pesticideUseSubmissions, safeUtilisationRecordSubmissions } from './submissions.ts';

/*
 * What agriculture's data can be imported as (`pnpm import agriculture <kind> <file>`): each kind
 * is its mutation's validation and write path, plus how a CSV record maps to input. NDJSON lines
 * are the mutation's input objects as they are. Every agriculture kind is flat: one CSV line per row.
 */

/** CSV columns of a farmland-class-decision import: one line per decision. */
export const FARMLAND_CLASS_DECISION_CSV_COLUMNS = ['externalId', 'parcelId', 'districtCode', 'farmlandClass', 'decidedOn', 'basis', 'decisionDocument'] as const;

/** CSV columns of a fertiliser-use import: one line per district, year and crop. */
export const FERTILIZER_USE_CSV_COLUMNS = ['externalId', 'districtCode', 'year', 'crop', 'sownAreaHa', 'nitrogenT', 'phosphateT', 'potashT', 'compoundT', 'utilisationRatePct'] as const;

/** CSV columns of a pesticide-use import: one line per district, year and crop. */
export const PESTICIDE_USE_CSV_COLUMNS = ['externalId', 'districtCode', 'year', 'crop', 'activeIngredientT', 'environmentFriendlySharePct', 'utilisationRatePct'] as const;

/** CSV columns of a safe-utilisation import: one line per parcel and year, its measures `;`-separated (empty for none). */
export const SAFE_UTILISATION_RECORD_CSV_COLUMNS = ['externalId', 'parcelId', 'districtCode', 'year', 'measures', 'cropsCompliant'] as const;

/** An empty CSV field is "not given"; a number field that is not a number stays NaN, which validation refuses. */
const optional = (v: string | undefined) => (v === undefined || v === '' ? null : v);
const number = (v: string | undefined) => (optional(v) === null ? null : Number(v));
/** "true" and "false"; anything else is left as it is for validation to refuse. */
const boolean = (v: string | undefined) => (optional(v) === null ? null : v === 'true' ? true : v === 'false' ? false : v);
/** A `;`-separated list; an empty field is the empty list. */
const list = (v: string | undefined) => (optional(v) === null ? [] : v!.split(';').map((item) => item.trim()));

/** A flat kind is one line per row: consecutive lines with one externalId are a mistake, named here. */
const oneLine = (records: readonly Record<string, string>[], what: string) =>
  records.length > 1 ? [`${records.length} consecutive lines have externalId ${JSON.stringify(records[0]!.externalId)}; a ${what} is one line`] : [];

export function farmlandClassDecisionFromCsv(records: readonly Record<string, string>[]): { value: unknown; problems: string[] } {
  const r = records[0]!;
  return {
    problems: oneLine(records, 'farmland class decision'),
    value: {
      externalId: r.externalId,
      parcelId: r.parcelId,
      districtCode: r.districtCode,
      farmlandClass: r.farmlandClass,
      decidedOn: r.decidedOn,
      basis: r.basis,
      decisionDocument: optional(r.decisionDocument),
    },
  };
}

export function fertilizerUseFromCsv(records: readonly Record<string, string>[]): { value: unknown; problems: string[] } {
  const r = records[0]!;
  return {
    problems: oneLine(records, 'fertiliser-use record'),
    value: {
      externalId: r.externalId,
      districtCode: r.districtCode,
      year: number(r.year),
      crop: r.crop,
      sownAreaHa: number(r.sownAreaHa),
      nitrogenT: number(r.nitrogenT),
      phosphateT: number(r.phosphateT),
      potashT: number(r.potashT),
      compoundT: number(r.compoundT),
      utilisationRatePct: number(r.utilisationRatePct),
    },
  };
}

export function pesticideUseFromCsv(records: readonly Record<string, string>[]): { value: unknown; problems: string[] } {
  const r = records[0]!;
  return {
    problems: oneLine(records, 'pesticide-use record'),
    value: {
      externalId: r.externalId,
      districtCode: r.districtCode,
      year: number(r.year),
      crop: r.crop,
      activeIngredientT: number(r.activeIngredientT),
      environmentFriendlySharePct: number(r.environmentFriendlySharePct),
      utilisationRatePct: number(r.utilisationRatePct),
    },
  };
}

export function safeUtilisationRecordFromCsv(records: readonly Record<string, string>[]): { value: unknown; problems: string[] } {
  const r = records[0]!;
  return {
    problems: oneLine(records, 'safe-utilisation record'),
    value: {
      externalId: r.externalId,
      parcelId: r.parcelId,
      districtCode: r.districtCode,
      year: number(r.year),
      measures: list(r.measures),
      cropsCompliant: boolean(r.cropsCompliant),
    },
  };
}

export const farmlandClassDecisionImport: ImportKind<FarmlandClassDecisionSubmissionRow, FarmlandClassDecisionEntity> = {
  ...farmlandClassDecisionSubmissions,
  csvColumns: FARMLAND_CLASS_DECISION_CSV_COLUMNS,
  fromCsv: farmlandClassDecisionFromCsv,
};

export const fertilizerUseImport: ImportKind<FertilizerUseSubmissionRow, FertilizerUseEntity> = {
  ...fertilizerUseSubmissions,
  csvColumns: FERTILIZER_USE_CSV_COLUMNS,
  fromCsv: fertilizerUseFromCsv,
};

export const pesticideUseImport: ImportKind<PesticideUseSubmissionRow, PesticideUseEntity> = {
  ...pesticideUseSubmissions,
  csvColumns: PESTICIDE_USE_CSV_COLUMNS,
  fromCsv: pesticideUseFromCsv,
};

export const safeUtilisationRecordImport: ImportKind<SafeUtilisationRecordSubmissionRow, SafeUtilisationRecordEntity> = {
  ...safeUtilisationRecordSubmissions,
  csvColumns: SAFE_UTILISATION_RECORD_CSV_COLUMNS,
  fromCsv: safeUtilisationRecordFromCsv,
};
