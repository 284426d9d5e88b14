import { subgraphCodegen } from '@soilgraph/server-kit/codegen';

export default subgraphCodegen({
  GeochemicalSurveyPoint: '../data/survey-points.ts#SurveyPointRow',
  GeochemicalMeasurement: '../data/measurements.ts#MeasurementRow',
  BackgroundValue: '../data/background-values.ts#BackgroundValueRow',
  AreaGeology: '../data/area-geology.ts#AreaGeologyModel',
  District: '../data/references.ts#DistrictRef',
  Parcel: '../data/references.ts#ParcelRef',
  ProtectionZone: '../data/references.ts#ProtectionZoneRef',
  GeochemicalSurveyPointConnection: '../data/survey-points.ts#SurveyPointConnectionModel',
});
