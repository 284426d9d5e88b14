import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freshRunSecrets, postgresVersion } from './run-setup.ts';
import { parseSoakOptions, renderSoakReport, runSoak, SOAK_USAGE, soakVerdict } from './soak.ts';

// `pnpm soak`: issue 8's bounded soak test. See SOAK_USAGE in soak.ts.
const argv = process.argv.slice(2).filter((a) => a !== '--');
const options = parseSoakOptions(argv);
if (options === 'help') {
  process.stdout.write(SOAK_USAGE);
  process.exit(0);
}
if (options instanceof Error) {
  process.stderr.write(`pnpm soak: ${options.message}\n\n${SOAK_USAGE}`);
  process.exit(2);
}
const log = (line: string) => process.stdout.write(`${line}\n`);

const { authEnv, auth, tokens } = await freshRunSecrets('soak');

const loadAtStart = os.loadavg()[0]!;
const result = await runSoak({
  options,
  authEnv,
  tokens,
  // Quoted as a shell needs it, so that the line can be pasted back.
  command: ['pnpm soak', ...argv.map((a) => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`))].join(' '),
  machine: async () => {
    const cpus = os.cpus();
    return [
      `Machine: ${cpus[0]?.model ?? 'unknown CPU'}, ${cpus.length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB memory, ${os.type()} ${os.release()}; load average ${loadAtStart.toFixed(1)} at the start, ${os.loadavg()[0]!.toFixed(1)} at the end (the load generator, the services and Postgres share the machine)`,
      `Software: Node ${process.version}, PostgreSQL ${await postgresVersion(options.databaseUrl)} on the same machine`,
    ];
  },
  log,
});

mkdirSync(path.dirname(options.out), { recursive: true });
writeFileSync(options.out, renderSoakReport(result));
const verdict = soakVerdict(result);
log(`\nwrote ${path.relative(process.cwd(), options.out) || options.out}: ${verdict.ok ? 'passed' : 'FAILED'}`);
if (!verdict.ok) {
  process.stderr.write(`pnpm soak: ${verdict.problems.join('; ')}\n`);
  process.exit(1);
}
