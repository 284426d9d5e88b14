import { subgraphCodegen } from '@soilgraph/server-kit/codegen';

const config = subgraphCodegen({
  MonitoringPoint: '../data/monitoring-points.ts#MonitoringPointRow',
  SoilSample: '../data/soil-samples.ts#SoilSampleModel',
  Measurement: '../data/measurements.ts#MeasurementRow',
  Enterprise: '../data/enterprises.ts#EnterpriseRow',
  SelfMonitoringReport: '../data/self-monitoring-reports.ts#SelfMonitoringReportRow',
  ApplicableSoilStandard: '../assessment/standards.ts#ApplicableStandard',
  SoilAssessment: '../assessment/index.ts#SoilAssessment as SoilAssessmentModel',
  ParcelSoilAssessment: '../risk/index.ts#ParcelSoilAssessmentModel',
  SoilEarlyWarning: '../risk/index.ts#SoilEarlyWarningModel',
  ZoneSampleExceedance: '../risk/index.ts#ZoneSampleExceedanceModel',
  City: '../data/references.ts#CityRef',
  LandUseChange: '../data/references.ts#LandUseChangeRef',
  ProtectionZone: '../data/references.ts#ProtectionZoneRef',
  District: '../data/references.ts#DistrictRef',
  Parcel: '../data/references.ts#ParcelRef',
  WaterSource: '../data/references.ts#WaterSourceRef',
  MonitoringPointConnection: '../data/monitoring-points.ts#MonitoringPointConnectionModel',
  SoilSampleConnection: '../data/soil-samples.ts#SoilSampleConnectionModel',
  EnterpriseConnection: '../data/enterprises.ts#EnterpriseConnectionModel',
  ContaminatedSite: '../data/sites.ts#ContaminatedSiteModel',
  ContaminatedSiteConnection: '../data/sites.ts#ContaminatedSiteConnectionModel',
  SiteStatusChange: '../data/sites.ts#SiteStatusChangeRow',
  SoilSurvey: '../data/surveys.ts#SoilSurveyRow',
  LandUseRestriction: '../negative-list.ts#LandUseRestrictionModel',
  SurveyGap: '../data/surveys.ts#SurveyGapModel',
  SurveyGapConnection: '../data/surveys.ts#SurveyGapConnectionModel',
});

// DateTime (src/scalars.ts) is environment's own scalar so far: an ISO string on input, a row's
// Date (or that string) on output.
const resolvers = config.generates['src/generated/resolvers.ts'] as { config: { scalars: Record<string, unknown> } };
resolvers.config.scalars = { ...resolvers.config.scalars, DateTime: { input: 'string', output: 'Date | string' } };

export default config;
