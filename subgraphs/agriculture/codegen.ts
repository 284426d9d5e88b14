import { subgraphCodegen } from '@soilgraph/server-kit/codegen';

export default subgraphCodegen({
  FertilizerUse: '../data/fertilizer-use.ts#FertilizerUseRow',
  PesticideUse: '../data/pesticide-use.ts#PesticideUseRow',
  AgriculturalCoverage: '../data/coverage.ts#AgriculturalCoverageRow',
  FarmlandClassDecision: '../data/farmland-class-decisions.ts#FarmlandClassDecisionRow',
  SafeUtilisationRecord: '../data/safe-utilisation.ts#SafeUtilisationRecordRow',
  FarmlandClassComparison: '../farmland-classes.ts#FarmlandClassComparisonModel',
  City: '../data/references.ts#CityRef',
  District: '../data/references.ts#DistrictRef',
  Parcel: '../data/references.ts#ParcelRef',
  FertilizerUseConnection: '../data/fertilizer-use.ts#FertilizerUseConnectionModel',
  PesticideUseConnection: '../data/pesticide-use.ts#PesticideUseConnectionModel',
  AgriculturalCoverageConnection: '../data/coverage.ts#AgriculturalCoverageConnectionModel',
  FarmlandClassDecisionConnection: '../data/farmland-class-decisions.ts#FarmlandClassDecisionConnectionModel',
  FarmlandClassComparisonConnection: '../farmland-classes.ts#FarmlandClassComparisonConnectionModel',
});
