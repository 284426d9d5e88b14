import { userInfo } from 'node:os';
import { AGENCIES, type Agency } from '@soilgraph/db';
import { openCliDatabases } from '@soilgraph/db/cli';
import { createLogger, inProcessReferenceResolver, referencedOwners } from '@soilgraph/server-kit';
import { formatOf, importFile } from './import.ts';
import { IMPORT_KINDS, SUBGRAPHS } from './kinds.ts';

// `pnpm import <agency> <kind> <file.csv|file.ndjson>`: validates the whole file, then writes it
// in one transaction through the kind's mutation path; a rejected file writes nothing and the
// bad lines are printed. Rows naming other agencies' entities (a sample's parcel) are checked at
// the owner's subgraph, executed in this process on the owner's database: the services need not
// run (embedded PGlite admits one process). Exit codes: 0 imported, 1 rejected, 2 usage or
// connection error, or an owner that could not answer.
const usage = () => {
  const kinds = Object.entries(IMPORT_KINDS).flatMap(([agency, kinds]) => Object.keys(kinds ?? {}).map((k) => `${agency} ${k}`));
  process.stderr.write(`usage: pnpm import <agency> <kind> <file.csv|file.ndjson>\nkinds: ${kinds.join('; ')}\n`);
  process.exit(2);
};

const [agency, kindName, file] = process.argv.slice(2);
if (!agency || !kindName || !file || !(AGENCIES as readonly string[]).includes(agency)) usage();
const kind = IMPORT_KINDS[agency as Agency]?.[kindName!];
const format = formatOf(file!);
if (!kind || !format) usage();

const databases = await openCliDatabases();
const connection = databases.connectionFor(agency as Agency);
await connection.migrate(agency as Agency);
// The owners answer from their own schemas: a fresh data folder then says "planning has no
// Parcel …" instead of failing on a missing table.
for (const owner of referencedOwners(kind!)) await databases.connectionFor(owner).migrate(owner);
const references = inProcessReferenceResolver({ definitions: SUBGRAPHS, dbFor: (owner) => databases.connectionFor(owner).db, logger: createLogger('import', 'error') });
const bar = (fraction: number) => `[${'#'.repeat(Math.round(fraction * 30)).padEnd(30, '.')}]`;
try {
  const summary = await importFile({
    db: connection.db,
    kind: kind!,
    file: file!,
    format: format!,
    subject: `cli:${userInfo().username}`,
    references,
    onProgress: ({ phase, bytes, totalBytes, rows }) => {
      if (process.stderr.isTTY) process.stderr.write(`\r${phase.padEnd(10)} ${bar(totalBytes === 0 ? 1 : bytes / totalBytes)} ${rows.toLocaleString('en')} rows`);
      else process.stderr.write(`${phase} ${Math.round((bytes / Math.max(totalBytes, 1)) * 100)}% ${rows} rows\n`);
    },
  });
  if (process.stderr.isTTY) process.stderr.write('\n');
  if (summary.badLineCount > 0) {
    console.log(`${file}: REJECTED, nothing was written. ${summary.badLineCount} problem(s) among ${summary.lines.toLocaleString('en')} lines:`);
    for (const bad of summary.badLines) console.log(`  line ${bad.lines}: ${bad.message}`);
    if (summary.badLineCount > summary.badLines.length) console.log(`  ... and ${summary.badLineCount - summary.badLines.length} more`);
    process.exitCode = 1;
  } else if (summary.rows === 0) {
    console.log(`${file}: no rows, nothing was written.`);
    process.exitCode = 1;
  } else {
    const rate = Math.round(summary.lines / Math.max(summary.seconds, 0.001));
    console.log(
      `${file}: imported ${summary.rows.toLocaleString('en')} ${kindName} from ${summary.lines.toLocaleString('en')} lines in ${summary.seconds.toFixed(1)} s (validation ${summary.validationSeconds.toFixed(1)} s; ${rate.toLocaleString('en')} lines/s): ${summary.created} created, ${summary.updated} updated, ${summary.unchanged} unchanged.`,
    );
  }
} catch (error) {
  console.error(`${file}: ${(error as Error).message}; nothing was written.`);
  process.exitCode = 2;
} finally {
  await references.close();
  await databases.closeAll();
}
