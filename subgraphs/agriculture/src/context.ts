import type { Database } from '@soilgraph/db';
import { createCoverageByDistrictCodeLoader } from './loaders/coverage-by-district-code.ts';
import { createDecisionByIdLoader } from './loaders/decision-by-id.ts';
import { createDecisionsByParcelIdLoader } from './loaders/decisions-by-parcel-id.ts';
import { createFertilizerUseByIdLoader } from './loaders/fertilizer-use-by-id.ts';
import { createPesticideUseByIdLoader } from './loaders/pesticide-use-by-id.ts';

/** Per-request state: the shared database handle and fresh loaders (never shared between requests). */
export interface Context {
  db: Database;
  loaders: {
    fertilizerUseById: ReturnType<typeof createFertilizerUseByIdLoader>;
    pesticideUseById: ReturnType<typeof createPesticideUseByIdLoader>;
    decisionById: ReturnType<typeof createDecisionByIdLoader>;
    decisionsByParcelId: ReturnType<typeof createDecisionsByParcelIdLoader>;
    coverageByDistrictCode: ReturnType<typeof createCoverageByDistrictCodeLoader>;
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
    },
  };
}
