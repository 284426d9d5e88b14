import { subgraphCodegen } from '@soilgraph/server-kit/codegen';

export default subgraphCodegen({
  GeochemicalSurveyPoint: '../data/survey-points.ts#SurveyPointRow',
  GeochemicalMeasurement: '../data/measurements.ts#MeasurementRow',
  BackgroundValue: '../data/background-values.ts#BackgroundValueRow',
  ParcelGeology: '../data/parcel-geology.ts#ParcelGeologyModel',
  District: '../data/references.ts#DistrictRef',
  Parcel: '../data/references.ts#ParcelRef',
  GeochemicalSurveyPointConnection: '../data/survey-points.ts#SurveyPointConnectionModel',
});
