import type { Caller } from '@soilgraph/auth';
import { type Database, dataVersion } from '@soilgraph/db';
import { measurements, soilSamples } from '@soilgraph/db/environment';
import { NO_REFERENCE_RESOLVER, type ReferenceResolver } from '@soilgraph/server-kit';
import { createContaminatedSiteByIdLoader } from './loaders/contaminated-site-by-id.ts';
import { createContaminatedSiteByParcelIdLoader } from './loaders/contaminated-site-by-parcel-id.ts';
import { createContaminatedSitePagesByDistrictCodeLoader } from './loaders/contaminated-site-pages-by-district-code.ts';
import { createEnterpriseByCreditCodeLoader } from './loaders/enterprise-by-credit-code.ts';
import { createEnterprisePagesByDistrictCodeLoader } from './loaders/enterprise-pages-by-district-code.ts';
import { createMeasurementsBySampleIdLoader } from './loaders/measurements-by-sample-id.ts';
import { createMonitoringNetworkByDistrictCodeLoader } from './loaders/monitoring-network-by-district-code.ts';
import { createMonitoringPointByIdLoader } from './loaders/monitoring-point-by-id.ts';
import { createMonitoringPointPagesByDistrictCodeLoader } from './loaders/monitoring-point-pages-by-district-code.ts';
import { createMonitoringPointsByParcelIdLoader } from './loaders/monitoring-points-by-parcel-id.ts';
import { createMonitoringPointsByWaterSourceIdLoader } from './loaders/monitoring-points-by-water-source-id.ts';
import { createLatestSurveySamplesByDistrictCodeLoader } from './loaders/latest-survey-samples-by-district-code.ts';
import { createSamplesByParcelIdLoader } from './loaders/samples-by-parcel-id.ts';
import { createSamplesInZonesByWaterSourceIdLoader } from './loaders/samples-in-zones-by-water-source-id.ts';
import { createSelfMonitoringReportsByCreditCodeLoader } from './loaders/self-monitoring-reports-by-credit-code.ts';
import { createSoilSampleByIdLoader } from './loaders/soil-sample-by-id.ts';
import { createSoilSamplePagesLoader } from './loaders/soil-sample-pages.ts';
import { createSoilSurveysByParcelIdLoader } from './loaders/soil-surveys-by-parcel-id.ts';
import { createStatusChangesBySiteIdLoader } from './loaders/status-changes-by-site-id.ts';

/** Per-request state: the shared database handle and fresh loaders (never shared between requests). */
export interface Context {
  db: Database;
  /** Who is calling, from the token the gateway passed on and this subgraph verified again. */
  caller: Caller;
  /** How a submitted batch's references to other agencies' entities are checked at their owners (server-kit references.ts). */
  references: ReferenceResolver;
  /** The version of environment's samples and measurements (db's dataVersion), read once per request: area-wide results are reused while it holds (server-kit's remembered). */
  dataVersion: () => Promise<string>;
  loaders: {
    monitoringPointById: ReturnType<typeof createMonitoringPointByIdLoader>;
    monitoringPointsByParcelId: ReturnType<typeof createMonitoringPointsByParcelIdLoader>;
    monitoringPointsByWaterSourceId: ReturnType<typeof createMonitoringPointsByWaterSourceIdLoader>;
    soilSampleById: ReturnType<typeof createSoilSampleByIdLoader>;
    measurementsBySampleId: ReturnType<typeof createMeasurementsBySampleIdLoader>;
    enterpriseByCreditCode: ReturnType<typeof createEnterpriseByCreditCodeLoader>;
    selfMonitoringReportsByCreditCode: ReturnType<typeof createSelfMonitoringReportsByCreditCodeLoader>;
    samplesByParcelId: ReturnType<typeof createSamplesByParcelIdLoader>;
    latestSurveySamplesByDistrictCode: ReturnType<typeof createLatestSurveySamplesByDistrictCodeLoader>;
    contaminatedSiteById: ReturnType<typeof createContaminatedSiteByIdLoader>;
    contaminatedSiteByParcelId: ReturnType<typeof createContaminatedSiteByParcelIdLoader>;
    statusChangesBySiteId: ReturnType<typeof createStatusChangesBySiteIdLoader>;
    soilSurveysByParcelId: ReturnType<typeof createSoilSurveysByParcelIdLoader>;
    // Nested lists and per-district figures: every parent of a request tick shares their statements.
    soilSamplePagesByParcelId: ReturnType<typeof createSoilSamplePagesLoader>;
    soilSamplePagesByDistrictCode: ReturnType<typeof createSoilSamplePagesLoader>;
    soilSamplePagesByPointId: ReturnType<typeof createSoilSamplePagesLoader>;
    monitoringPointPagesByDistrictCode: ReturnType<typeof createMonitoringPointPagesByDistrictCodeLoader>;
    enterprisePagesByDistrictCode: ReturnType<typeof createEnterprisePagesByDistrictCodeLoader>;
    contaminatedSitePagesByDistrictCode: ReturnType<typeof createContaminatedSitePagesByDistrictCodeLoader>;
    monitoringNetworkByDistrictCode: ReturnType<typeof createMonitoringNetworkByDistrictCodeLoader>;
    samplesInZonesByWaterSourceId: ReturnType<typeof createSamplesInZonesByWaterSourceIdLoader>;
  };
}

export function createContext(db: Database, caller: Caller, references: ReferenceResolver = NO_REFERENCE_RESOLVER): Context {
  let version: Promise<string> | undefined;
  return {
    db,
    caller,
    references,
    dataVersion: () => (version ??= dataVersion(db, 'environment', [soilSamples, measurements])),
    loaders: {
      monitoringPointById: createMonitoringPointByIdLoader(db),
      monitoringPointsByParcelId: createMonitoringPointsByParcelIdLoader(db),
      monitoringPointsByWaterSourceId: createMonitoringPointsByWaterSourceIdLoader(db),
      soilSampleById: createSoilSampleByIdLoader(db),
      measurementsBySampleId: createMeasurementsBySampleIdLoader(db),
      enterpriseByCreditCode: createEnterpriseByCreditCodeLoader(db),
      selfMonitoringReportsByCreditCode: createSelfMonitoringReportsByCreditCodeLoader(db),
      samplesByParcelId: createSamplesByParcelIdLoader(db),
      latestSurveySamplesByDistrictCode: createLatestSurveySamplesByDistrictCodeLoader(db),
      contaminatedSiteById: createContaminatedSiteByIdLoader(db),
      contaminatedSiteByParcelId: createContaminatedSiteByParcelIdLoader(db),
      statusChangesBySiteId: createStatusChangesBySiteIdLoader(db),
      soilSurveysByParcelId: createSoilSurveysByParcelIdLoader(db),
      soilSamplePagesByParcelId: createSoilSamplePagesLoader(db, 'parcelId'),
      soilSamplePagesByDistrictCode: createSoilSamplePagesLoader(db, 'districtCode'),
      soilSamplePagesByPointId: createSoilSamplePagesLoader(db, 'pointId'),
      monitoringPointPagesByDistrictCode: createMonitoringPointPagesByDistrictCodeLoader(db),
      enterprisePagesByDistrictCode: createEnterprisePagesByDistrictCodeLoader(db),
      contaminatedSitePagesByDistrictCode: createContaminatedSitePagesByDistrictCodeLoader(db),
      monitoringNetworkByDistrictCode: createMonitoringNetworkByDistrictCodeLoader(db),
      samplesInZonesByWaterSourceId: createSamplesInZonesByWaterSourceIdLoader(db),
    },
  };
}
