import { AGENCIES } from '../agencies.ts';
import { openCliDatabases } from './options.ts';

// `pnpm db:migrate`: applies every agency's migrations.
const databases = await openCliDatabases();
for (const agency of AGENCIES) {
  await databases.connectionFor(agency).migrate(agency);
  console.log(`migrated ${agency}`);
}
console.log(`done: ${databases.describe}`);
await databases.closeAll();
