// Shared by environment's write specs.

/** Rows per INSERT statement: well under Postgres's 65,535 parameters. */
export const INSERT_CHUNK = 1000;
