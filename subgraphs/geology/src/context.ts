import type { Database } from '@soilgraph/db';
import { createBackgroundValuesByDistrictLoader } from './loaders/background-values-by-district.ts';
import { createDominantSoilTypeByDistrictLoader } from './loaders/dominant-soil-type-by-district.ts';
import { createGeologyByParcelLoader } from './loaders/geology-by-parcel.ts';
import { createMeasurementsByPointIdLoader } from './loaders/measurements-by-point-id.ts';
import { createSurveyPointByIdLoader } from './loaders/survey-point-by-id.ts';
import { createSurveyPointsByParcelLoader } from './loaders/survey-points-by-parcel.ts';

/** Per-request state: the shared database handle and fresh loaders (never shared between requests). */
export interface Context {
  db: Database;
  loaders: {
    surveyPointById: ReturnType<typeof createSurveyPointByIdLoader>;
    measurementsByPointId: ReturnType<typeof createMeasurementsByPointIdLoader>;
    backgroundValuesByDistrict: ReturnType<typeof createBackgroundValuesByDistrictLoader>;
    dominantSoilTypeByDistrict: ReturnType<typeof createDominantSoilTypeByDistrictLoader>;
    geologyByParcel: ReturnType<typeof createGeologyByParcelLoader>;
    surveyPointsByParcel: ReturnType<typeof createSurveyPointsByParcelLoader>;
  };
}

export function createContext(db: Database): Context {
  return {
    db,
    loaders: {
      surveyPointById: createSurveyPointByIdLoader(db),
      measurementsByPointId: createMeasurementsByPointIdLoader(db),
      backgroundValuesByDistrict: createBackgroundValuesByDistrictLoader(db),
      dominantSoilTypeByDistrict: createDominantSoilTypeByDistrictLoader(db),
      geologyByParcel: createGeologyByParcelLoader(db),
      surveyPointsByParcel: createSurveyPointsByParcelLoader(db),
    },
  };
}
