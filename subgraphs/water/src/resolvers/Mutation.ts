import { submit } from '@soilgraph/server-kit';
import type { MutationResolvers } from '../generated/resolvers.ts';
import { protectionZoneSubmissions, waterSourceSubmissions } from '../submissions.ts';

export const Mutation: MutationResolvers = {
  submitWaterSources: (_, { sources }, { db, caller, references }) => submit(db, waterSourceSubmissions, sources, caller, references),
  submitProtectionZones: (_, { zones }, { db, caller, references }) => submit(db, protectionZoneSubmissions, zones, caller, references),
};
