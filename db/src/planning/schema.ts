import { pgSchema } from 'drizzle-orm/pg-core';

/** Planning and land resources: districts, parcels, planned-use change cases. */
export const planning = pgSchema('planning');
