import { subgraphCodegen } from '@soilgraph/server-kit/codegen';

export default subgraphCodegen({
  MonitoringPoint: '../data/monitoring-points.ts#MonitoringPointRow',
  SoilSample: '../data/soil-samples.ts#SoilSampleRow',
  Measurement: '../data/measurements.ts#MeasurementRow',
  Enterprise: '../data/enterprises.ts#EnterpriseRow',
  ApplicableSoilStandard: '../standards.ts#ApplicableStandard',
  District: '../data/references.ts#DistrictRef',
  Parcel: '../data/references.ts#ParcelRef',
  WaterSource: '../data/references.ts#WaterSourceRef',
  MonitoringPointConnection: '../data/monitoring-points.ts#MonitoringPointConnectionModel',
  SoilSampleConnection: '../data/soil-samples.ts#SoilSampleConnectionModel',
  EnterpriseConnection: '../data/enterprises.ts#EnterpriseConnectionModel',
});
