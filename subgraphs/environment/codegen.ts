import { subgraphCodegen } from '@soilgraph/server-kit/codegen';

export default subgraphCodegen({
  MonitoringPoint: '../data/monitoring-points.ts#MonitoringPointRow',
  SoilSample: '../data/soil-samples.ts#SoilSampleModel',
  Measurement: '../data/measurements.ts#MeasurementRow',
  Enterprise: '../data/enterprises.ts#EnterpriseRow',
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
});
