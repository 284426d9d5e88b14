import type { Database } from '@soilgraph/db';
import { createCoverageByDistrictCodeLoader } from './loaders/coverage-by-district-code.ts';
import { createDecisionByIdLoader } from './loaders/decision-by-id.ts';
import { createDecisionsByDistrictCodeLoader } from './loaders/decisions-by-district-code.ts';
import { createDecisionsByParcelIdLoader } from './loaders/decisions-by-parcel-id.ts';
import { createFertilizerUseByDistrictCodeLoader } from './loaders/fertilizer-use-by-district-code.ts';
import { createFertilizerUseByIdLoader } from './loaders/fertilizer-use-by-id.ts';
import { createPesticideUseByDistrictCodeLoader } from './loaders/pesticide-use-by-district-code.ts';
import { createPesticideUseByIdLoader } from './loaders/pesticide-use-by-id.ts';
import { createSafeUtilisationByDistrictCodeLoader } from './loaders/safe-utilisation-by-district-code.ts';
import { createSafeUtilisationByParcelIdLoader } from './loaders/safe-utilisation-by-parcel-id.ts';

/** Per-request state: the shared database handle and fresh loaders (never shared between requests). */
export interface Context {
  db: Database;
  loaders: {
    fertilizerUseById: ReturnType<typeof createFertilizerUseByIdLoader>;
    pesticideUseById: ReturnType<typeof createPesticideUseByIdLoader>;
    decisionById: ReturnType<typeof createDecisionByIdLoader>;
    decisionsByParcelId: ReturnType<typeof createDecisionsByParcelIdLoader>;
    coverageByDistrictCode: ReturnType<typeof createCoverageByDistrictCodeLoader>;
    fertilizerUseByDistrictCode: ReturnType<typeof createFertilizerUseByDistrictCodeLoader>;
    pesticideUseByDistrictCode: ReturnType<typeof createPesticideUseByDistrictCodeLoader>;
    decisionsByDistrictCode: ReturnType<typeof createDecisionsByDistrictCodeLoader>;
    safeUtilisationByDistrictCode: ReturnType<typeof createSafeUtilisationByDistrictCodeLoader>;
    safeUtilisationByParcelId: ReturnType<typeof createSafeUtilisationByParcelIdLoader>;
  };
}

export function createContext(db: Database): Context {
  return {
    db,
    loaders: {
      fertilizerUseById: createFertilizerUseByIdLoader(db),
      pesticideUseById: createPesticideUseByIdLoader(db),
      decisionById: createDecisionByIdLoader(db),
      decisionsByParcelId: createDecisionsByParcelIdLoader(db),
      coverageByDistrictCode: createCoverageByDistrictCodeLoader(db),
      fertilizerUseByDistrictCode: createFertilizerUseByDistrictCodeLoader(db),
      pesticideUseByDistrictCode: createPesticideUseByDistrictCodeLoader(db),
      decisionsByDistrictCode: createDecisionsByDistrictCodeLoader(db),
      safeUtilisationByDistrictCode: createSafeUtilisationByDistrictCodeLoader(db),
      safeUtilisationByParcelId: createSafeUtilisationByParcelIdLoader(db),
    },
  };
}
