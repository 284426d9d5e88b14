import { DateScalar, DateTimeScalar, GeoJSONScalar } from '@soilgraph/server-kit';
import type { Resolvers } from '../generated/resolvers.ts';
import { City } from './City.ts';
import { ContaminatedSite } from './ContaminatedSite.ts';
import { District } from './District.ts';
import { Enterprise } from './Enterprise.ts';
import { LandUseChange } from './LandUseChange.ts';
import { Measurement } from './Measurement.ts';
import { MonitoringPoint } from './MonitoringPoint.ts';
import { Mutation } from './Mutation.ts';
import { Parcel } from './Parcel.ts';
import { Query } from './Query.ts';
import { SoilSample } from './SoilSample.ts';
import { SoilSurvey } from './SoilSurvey.ts';
import { WaterSource } from './WaterSource.ts';

export const resolvers: Resolvers = {
  GeoJSON: GeoJSONScalar,
  Date: DateScalar,
  DateTime: DateTimeScalar,
  Query,
  Mutation,
  MonitoringPoint,
  SoilSample,
  Measurement,
  Enterprise,
  City,
  District,
  Parcel,
  WaterSource,
  ContaminatedSite,
  SoilSurvey,
  LandUseChange,
};
