import { AGENCIES } from '../agencies.ts';
import { openCliDatabases } from './options.ts';

// `pnpm db:migrate`: applies every agency's migrations and, on Postgres, sets up each agency's
// role (with the password in DATABASE_URL_<AGENCY>, when that URL has one).
const databases = await openCliDatabases();
for (const agency of AGENCIES) {
  await databases.connectionFor(agency).migrate(agency);
  console.log(`migrated ${agency}`);
}
console.log(`done: ${databases.describe}`);
await databases.closeAll();
