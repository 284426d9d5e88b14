import { pgSchema } from 'drizzle-orm/pg-core';

/** Agriculture: fertiliser and pesticide use, coverage of soil testing and pest control, farmland classes. */
export const agriculture = pgSchema('agriculture');
