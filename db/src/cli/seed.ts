import { parseArgs } from 'node:util';
import { AGENCIES } from '../agencies.ts';
import { DEFAULT_DEMO_SEED, seedDemoData } from '../demo/index.ts';
import { openCliDatabases } from './options.ts';

// `pnpm db:seed [--seed S] [--scale N]`: migrates, then seeds synthetic demo data into
// every agency that has none (an agency with data is left alone).
const { values } = parseArgs({
  options: { seed: { type: 'string', default: DEFAULT_DEMO_SEED }, scale: { type: 'string', default: '1' } },
});
const scale = Number(values.scale);
if (!Number.isInteger(scale) || scale < 1) {
  process.stderr.write(`--scale must be a whole number >= 1, got ${values.scale}\n`);
  process.exit(2);
}
const databases = await openCliDatabases();
for (const agency of AGENCIES) await databases.connectionFor(agency).migrate(agency);
const started = Date.now();
const seeded = await seedDemoData((a) => databases.connectionFor(a).db, { seed: values.seed, scale });
console.log(
  seeded.length === 0
    ? `every agency already has data; nothing seeded (${databases.describe})`
    : `seeded ${seeded.join(', ')} with seed "${values.seed}" at scale ${scale} in ${Date.now() - started} ms (${databases.describe})`,
);
await databases.closeAll();
