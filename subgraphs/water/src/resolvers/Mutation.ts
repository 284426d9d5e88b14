import { submit } from '@soilgraph/server-kit';
import type { MutationResolvers } from '../generated/resolvers.ts';
import { protectionZoneSubmissions, waterSourceSubmissions } from '../submissions.ts';

export const Mutation: MutationResolvers = {
  submitWaterSources: (_, { sources }, { db }) => submit(db, waterSourceSubmissions, sources),
  submitProtectionZones: (_, { zones }, { db }) => submit(db, protectionZoneSubmissions, zones),
};
