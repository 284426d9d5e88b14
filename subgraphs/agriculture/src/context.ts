import type { Caller } from '@soilgraph/auth';
import type { Database } from '@soilgraph/db';
import { NO_REFERENCE_RESOLVER, type ReferenceResolver } from '@soilgraph/server-kit';
import { createCoverageByDistrictCodeLoader } from './loaders/coverage-by-district-code.ts';
import { createDecisionByIdLoader } from './loaders/decision-by-id.ts';
import { createDecisionsByDistrictCodeLoader } from './loaders/decisions-by-district-code.ts';
import { createDecisionsByParcelIdLoader } from './loaders/decisions-by-parcel-id.ts';
import { createFertilizerUseByDistrictCodeLoader } from './loaders/fertilizer-use-by-district-code.ts';
import { createFertilizerUseByIdLoader } from './loaders/fertilizer-use-by-id.ts';
import { createFertilizerUsePagesByDistrictCodeLoader } from './loaders/fertilizer-use-pages-by-district-code.ts';
import { createPesticideUseByDistrictCodeLoader } from './loaders/pesticide-use-by-district-code.ts';
import { createPesticideUseByIdLoader } from './loaders/pesticide-use-by-id.ts';
import { createPesticideUsePagesByDistrictCodeLoader } from './loaders/pesticide-use-pages-by-district-code.ts';
import { createSafeUtilisationByDistrictCodeLoader } from './loaders/safe-utilisation-by-district-code.ts';
import { createSafeUtilisationByParcelIdLoader } from './loaders/safe-utilisation-by-parcel-id.ts';

/** Per-request state: the shared database handle and fresh loaders (never shared between requests). */
export interface Context {
  db: Database;
  /** Who is calling, from the token the gateway passed on and this subgraph verified again. */
  caller: Caller;
  /** How a submitted batch's references to other agencies' entities are checked at their owners (server-kit references.ts). */
  references: ReferenceResolver;
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
    // Nested lists: every parent of a request tick shares their statements.
    fertilizerUsePagesByDistrictCode: ReturnType<typeof createFertilizerUsePagesByDistrictCodeLoader>;
    pesticideUsePagesByDistrictCode: ReturnType<typeof createPesticideUsePagesByDistrictCodeLoader>;
  };
}

export function createContext(db: Database, caller: Caller, references: ReferenceResolver = NO_REFERENCE_RESOLVER): Context {
  return {
    db,
    caller,
    references,
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
      fertilizerUsePagesByDistrictCode: createFertilizerUsePagesByDistrictCodeLoader(db),
      pesticideUsePagesByDistrictCode: createPesticideUsePagesByDistrictCodeLoader(db),
    },
  };
}
