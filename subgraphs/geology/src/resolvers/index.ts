import { DateScalar, GeoJSONScalar } from '@soilgraph/server-kit';
import type { Resolvers } from '../generated/resolvers.ts';
import { AreaGeology } from './AreaGeology.ts';
import { BackgroundValue } from './BackgroundValue.ts';
import { District } from './District.ts';
import { GeochemicalMeasurement } from './GeochemicalMeasurement.ts';
import { GeochemicalSurveyPoint } from './GeochemicalSurveyPoint.ts';
import { Mutation } from './Mutation.ts';
import { Parcel } from './Parcel.ts';
import { ProtectionZone } from './ProtectionZone.ts';
import { Query } from './Query.ts';

export const resolvers: Resolvers = {
  GeoJSON: GeoJSONScalar,
  Date: DateScalar,
  Query,
  Mutation,
  GeochemicalSurveyPoint,
  GeochemicalMeasurement,
  BackgroundValue,
  District,
  Parcel,
  ProtectionZone,
  AreaGeology,
};
