import { type AgencyDatabases, databaseTargetFromEnv, openAgencyDatabases } from '../databases.ts';

/** Where the database commands work: DATABASE_URL[_<AGENCY>] for Postgres, else PGlite in DATA_DIR. */
export async function openCliDatabases(env: NodeJS.ProcessEnv = process.env): Promise<AgencyDatabases> {
  try {
    const target = databaseTargetFromEnv(env, env.DATA_DIR || '.data');
    if (target.kind === 'pglite') process.stderr.write('PGlite admits one process per data folder: stop `pnpm start` first.\n');
    return await openAgencyDatabases(target, 'soilgraph-db-cli');
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    process.exit(2);
  }
}
