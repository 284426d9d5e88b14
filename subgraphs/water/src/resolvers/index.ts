import { DateScalar, GeoJSONScalar } from '@soilgraph/server-kit';
import type { Resolvers } from '../generated/resolvers.ts';
import { District } from './District.ts';
import { Parcel } from './Parcel.ts';
import { ProtectionZone } from './ProtectionZone.ts';
import { Query } from './Query.ts';
import { WaterSource } from './WaterSource.ts';

export const resolvers: Resolvers = { GeoJSON: GeoJSONScalar, Date: DateScalar, Query, WaterSource, ProtectionZone, District, Parcel };
