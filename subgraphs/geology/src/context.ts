import type { Caller } from '@soilgraph/auth';
import type { Database } from '@soilgraph/db';
import { NO_REFERENCE_RESOLVER, type ReferenceResolver } from '@soilgraph/server-kit';
import { createBackgroundValuesByDistrictLoader } from './loaders/background-values-by-district.ts';
import { createDominantSoilTypeByDistrictLoader } from './loaders/dominant-soil-type-by-district.ts';
import { createGeologyByAreaLoader } from './loaders/geology-by-area.ts';
import { createMeasurementsByPointIdLoader } from './loaders/measurements-by-point-id.ts';
import { createSurveyPointByIdLoader } from './loaders/survey-point-by-id.ts';
import { createSurveyPointPagesByDistrictCodeLoader } from './loaders/survey-point-pages-by-district-code.ts';
import { createSurveyPointsByAreaLoader } from './loaders/survey-points-by-area.ts';

/** Per-request state: the shared database handle and fresh loaders (never shared between requests). */
export interface Context {
  db: Database;
  /** Who is calling, from the token the gateway passed on and this subgraph verified again. */
  caller: Caller;
  /** How a submitted batch's references to other agencies' entities are checked at their owners (server-kit references.ts). */
  references: ReferenceResolver;
  loaders: {
    surveyPointById: ReturnType<typeof createSurveyPointByIdLoader>;
    measurementsByPointId: ReturnType<typeof createMeasurementsByPointIdLoader>;
    backgroundValuesByDistrict: ReturnType<typeof createBackgroundValuesByDistrictLoader>;
    dominantSoilTypeByDistrict: ReturnType<typeof createDominantSoilTypeByDistrictLoader>;
    geologyByArea: ReturnType<typeof createGeologyByAreaLoader>;
    surveyPointsByArea: ReturnType<typeof createSurveyPointsByAreaLoader>;
    // Nested lists: every parent of a request tick shares their statements.
    surveyPointPagesByDistrictCode: ReturnType<typeof createSurveyPointPagesByDistrictCodeLoader>;
  };
}

export function createContext(db: Database, caller: Caller, references: ReferenceResolver = NO_REFERENCE_RESOLVER): Context {
  return {
    db,
    caller,
    references,
    loaders: {
      surveyPointById: createSurveyPointByIdLoader(db),
      measurementsByPointId: createMeasurementsByPointIdLoader(db),
      backgroundValuesByDistrict: createBackgroundValuesByDistrictLoader(db),
      dominantSoilTypeByDistrict: createDominantSoilTypeByDistrictLoader(db),
      geologyByArea: createGeologyByAreaLoader(db),
      surveyPointsByArea: createSurveyPointsByAreaLoader(db),
      surveyPointPagesByDistrictCode: createSurveyPointPagesByDistrictCodeLoader(db),
    },
  };
}
