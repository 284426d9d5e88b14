import { parseArgs } from 'node:util';
import { AGENCIES, type Agency } from '../agencies.ts';
import { verifyAuditChain } from '../audit.ts';
import { AUDIT_LOGS } from '../audit-logs.ts';
import { openCliDatabases } from './options.ts';

// `pnpm audit:verify [agency ...]`: re-computes each agency's audit chain and names every
// altered, removed or reordered entry. Exits 1 when any chain is broken.
const { positionals } = parseArgs({ allowPositionals: true });
const unknown = positionals.filter((p) => !(AGENCIES as readonly string[]).includes(p));
if (unknown.length > 0) {
  process.stderr.write(`unknown agency ${unknown.join(', ')}: expected any of ${AGENCIES.join(', ')}\n`);
  process.exit(2);
}
const agencies = (positionals.length > 0 ? positionals : AGENCIES) as Agency[];
const databases = await openCliDatabases();
let broken = 0;
for (const agency of agencies) {
  const connection = databases.connectionFor(agency);
  await connection.migrate(agency);
  const { entries, head, problems } = await verifyAuditChain(connection.db, AUDIT_LOGS[agency]);
  if (problems.length === 0) {
    console.log(`${agency}: ${entries} entries, chain intact, head ${head}`);
    continue;
  }
  broken++;
  console.log(`${agency}: ${entries} entries, CHAIN BROKEN at ${problems.length} place(s):`);
  for (const p of problems) console.log(`  entry ${p.seq}: ${p.problem}`);
}
await databases.closeAll();
process.exit(broken === 0 ? 0 : 1);
