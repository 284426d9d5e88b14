import { flatImportKind } from '@soilgraph/server-kit';
import { farmlandClassDecisionSubmissions, fertilizerUseSubmissions, pesticideUseSubmissions, safeUtilisationRecordSubmissions } from './submissions.ts';

/*
 * What agriculture's data can be imported as (`pnpm run import agriculture <kind> <file>`): each
 * kind is its mutation's validation and write path, plus its CSV columns. NDJSON lines are the
 * mutation's input objects as they are. Every agriculture kind is flat: one CSV line per row.
 */

export const farmlandClassDecisionImport = flatImportKind(farmlandClassDecisionSubmissions, 'farmland class decision', {
  externalId: 'text',
  parcelId: 'text',
  districtCode: 'text',
  farmlandClass: 'text',
  decidedOn: 'text',
  basis: 'text',
  decisionDocument: 'optional',
});

export const fertilizerUseImport = flatImportKind(fertilizerUseSubmissions, 'fertiliser-use record', {
  externalId: 'text',
  districtCode: 'text',
  year: 'number',
  crop: 'text',
  sownAreaHa: 'number',
  nitrogenT: 'number',
  phosphateT: 'number',
  potashT: 'number',
  compoundT: 'number',
  utilisationRatePct: 'number',
});

export const pesticideUseImport = flatImportKind(pesticideUseSubmissions, 'pesticide-use record', {
  externalId: 'text',
  districtCode: 'text',
  year: 'number',
  crop: 'text',
  activeIngredientT: 'number',
  environmentFriendlySharePct: 'number',
  utilisationRatePct: 'number',
});

/** `measures` is `;`-separated; an empty field means no measures yet. */
export const safeUtilisationRecordImport = flatImportKind(safeUtilisationRecordSubmissions, 'safe-utilisation record', {
  externalId: 'text',
  parcelId: 'text',
  districtCode: 'text',
  year: 'number',
  measures: 'list',
  cropsCompliant: 'boolean',
});
