import { GeoJSONScalar } from '@soilgraph/server-kit';
import type { Resolvers } from '../generated/resolvers.ts';
import { District } from './District.ts';
import { Parcel } from './Parcel.ts';
import { Query } from './Query.ts';

export const resolvers: Resolvers = { GeoJSON: GeoJSONScalar, Query, District, Parcel };
