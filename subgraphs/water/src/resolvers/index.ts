import { DateScalar, GeoJSONScalar } from '@soilgraph/server-kit';
import type { Resolvers } from '../generated/resolvers.ts';
import { District } from './District.ts';
import { Mutation } from './Mutation.ts';
import { Parcel } from './Parcel.ts';
import { ProtectionZone } from './ProtectionZone.ts';
import { ProtectionZoneSet } from './ProtectionZoneSet.ts';
import { Query } from './Query.ts';
import { WaterSource } from './WaterSource.ts';

export const resolvers: Resolvers = { GeoJSON: GeoJSONScalar, Date: DateScalar, Query, Mutation, WaterSource, ProtectionZone, ProtectionZoneSet, District, Parcel };
