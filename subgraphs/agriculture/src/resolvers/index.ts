import { DateScalar } from '@soilgraph/server-kit';
import type { Resolvers } from '../generated/resolvers.ts';
import { AgriculturalCoverage } from './AgriculturalCoverage.ts';
import { City } from './City.ts';
import { District } from './District.ts';
import { FarmlandClassDecision } from './FarmlandClassDecision.ts';
import { FertilizerUse } from './FertilizerUse.ts';
import { Mutation } from './Mutation.ts';
import { Parcel } from './Parcel.ts';
import { PesticideUse } from './PesticideUse.ts';
import { Query } from './Query.ts';
import { SafeUtilisationRecord } from './SafeUtilisationRecord.ts';

export const resolvers: Resolvers = {
  Date: DateScalar,
  Query,
  Mutation,
  FertilizerUse,
  PesticideUse,
  AgriculturalCoverage,
  FarmlandClassDecision,
  SafeUtilisationRecord,
  City,
  District,
  Parcel,
};
