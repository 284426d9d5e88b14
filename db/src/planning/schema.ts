import { pgSchema } from 'drizzle-orm/pg-core';

/** Planning and land resources: districts, parcels. */
export const planning = pgSchema('planning');
