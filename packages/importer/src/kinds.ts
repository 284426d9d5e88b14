import { agricultureSubgraph } from '@soilgraph/agriculture';
import { farmlandClassDecisionImport, fertilizerUseImport, pesticideUseImport, safeUtilisationRecordImport } from '@soilgraph/agriculture/imports';
import type { Agency } from '@soilgraph/db';
import { environmentSubgraph } from '@soilgraph/environment';
import { enterpriseImport, monitoringPointImport, selfMonitoringReportImport, siteStatusChangeImport, soilSampleImport } from '@soilgraph/environment/imports';
import { geologySubgraph } from '@soilgraph/geology';
import { surveyPointImport } from '@soilgraph/geology/imports';
import { planningSubgraph } from '@soilgraph/planning';
import { landUseChangeImport, parcelImport } from '@soilgraph/planning/imports';
import type { ImportKind, SubgraphDefinition } from '@soilgraph/server-kit';
import { waterSubgraph } from '@soilgraph/water';
import { protectionZoneImport, waterSourceImport } from '@soilgraph/water/imports';

type AnyImportKind = ImportKind<{ externalId: string }, { id: string }>;

/** What each agency's data can be imported as: `pnpm run import <agency> <kind> <file>`. */
export const IMPORT_KINDS: Partial<Record<Agency, Record<string, AnyImportKind>>> = {
  planning: { parcels: parcelImport as unknown as AnyImportKind, 'land-use-changes': landUseChangeImport as unknown as AnyImportKind },
  environment: {
    'soil-samples': soilSampleImport as unknown as AnyImportKind,
    'monitoring-points': monitoringPointImport as unknown as AnyImportKind,
    enterprises: enterpriseImport as unknown as AnyImportKind,
    'self-monitoring-reports': selfMonitoringReportImport as unknown as AnyImportKind,
    'site-status-changes': siteStatusChangeImport as unknown as AnyImportKind,
  },
  agriculture: {
    'farmland-class-decisions': farmlandClassDecisionImport as unknown as AnyImportKind,
    'fertilizer-use': fertilizerUseImport as unknown as AnyImportKind,
    'pesticide-use': pesticideUseImport as unknown as AnyImportKind,
    'safe-utilisation-records': safeUtilisationRecordImport as unknown as AnyImportKind,
  },
  water: { 'water-sources': waterSourceImport as unknown as AnyImportKind, 'protection-zones': protectionZoneImport as unknown as AnyImportKind },
  geology: { 'survey-points': surveyPointImport as unknown as AnyImportKind },
};

/**
 * The agencies' subgraphs, as packages/stack serves them. The import runs without the services,
 * so it asks the owner of an entity a file names by executing the owner's subgraph in process.
 */
export const SUBGRAPHS: Readonly<Record<Agency, SubgraphDefinition<any>>> = {
  planning: planningSubgraph,
  environment: environmentSubgraph,
  agriculture: agricultureSubgraph,
  water: waterSubgraph,
  geology: geologySubgraph,
};
