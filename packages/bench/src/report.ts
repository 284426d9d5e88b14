import type { LoadResult } from './load.ts';
import { cpuShares, type OperationResult, type ScaleResult, type TargetName } from './run.ts';
import { LARGE_TABLE_ROWS } from './statements.ts';

export interface RunDescription {
  command: string;
  date: string;
  quick: boolean;
  /** Only some operations of the mix (--only). */
  partial: boolean;
  machine: string[];
  method: string[];
  /** Minutes the whole run took. */
  minutes: number;
}

/** Targets of issue 7 (checked here, not by timed tests). */
export const TARGETS = { p95Growth: 1.5, gatewayRssMb: 300 } as const;

const int = (n: number) => Math.round(n).toLocaleString('en');
const rate = (n: number) => (n >= 100 ? int(n) : n.toFixed(1));
const ms = (n: number) => (Number.isNaN(n) ? '–' : n >= 100 ? int(n) : n.toFixed(1));
const kilobytes = (bytes: number) => (Number.isNaN(bytes) ? '–' : (bytes / 1000).toFixed(1));
const mb = (bytes: number | undefined) => (bytes === undefined ? '–' : `${int(bytes / 2 ** 20)} MB`);
const ratio = (a: number | undefined, b: number | undefined) => (a === undefined || b === undefined || b === 0 ? '–' : `${(a / b).toFixed(2)}`);
const mark = (ok: boolean) => (ok ? 'yes' : '**no**');

function table(header: string[], rows: string[][]): string {
  return [`| ${header.join(' | ')} |`, `|${header.map((_, i) => (i === 0 ? '---' : '---:')).join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');
}

function geometricMean(values: readonly number[]): number {
  return Math.exp(values.reduce((sum, v) => sum + Math.log(v), 0) / values.length);
}

function scaleLabel(scale: ScaleResult, index: number, count: number): string {
  const growth = count === 2 ? (index === 0 ? '1x' : '10x') : `scale ${scale.database.scale}`;
  return `${growth} (${int(scale.database.rows.parcels)} parcels)`;
}

/** Errors under load of our gateway or of a subgraph called directly: the benchmark fails on any. */
function errorsOf(scales: readonly ScaleResult[]): string[] {
  const lines: string[] = [];
  for (const scale of scales) {
    for (const op of scale.operations) {
      if (op.failure !== undefined) lines.push(`- ${int(scale.database.rows.parcels)} parcels, ${op.operation.name}: **failed**: \`${quote(op.failure)}\``);
      for (const [target, result] of Object.entries(op.results) as [TargetName, LoadResult][]) {
        if (target !== 'hive' && result.errors > 0) lines.push(`- ${int(scale.database.rows.parcels)} parcels, ${op.operation.name}, ${target}: ${result.errors} errors; first: \`${quote(result.firstError)}\``);
      }
    }
  }
  return lines;
}

/** Where Hive Gateway could not answer as our gateway does, or failed under load: the peer's problems, reported, not fatal. */
function hiveProblems(scales: readonly ScaleResult[]): string[] {
  const lines: string[] = [];
  for (const scale of scales) {
    for (const op of scale.operations) {
      if (op.hiveDiffers !== undefined) lines.push(`- ${int(scale.database.rows.parcels)} parcels, ${op.operation.name}: answers otherwise than our gateway, not measured: \`${quote(op.hiveDiffers)}\``);
      const hive = op.results.hive;
      if (hive !== undefined && hive.errors > 0) lines.push(`- ${int(scale.database.rows.parcels)} parcels, ${op.operation.name}: ${hive.errors} errors under load; first: \`${quote(hive.firstError)}\``);
    }
  }
  return lines;
}

function quote(text: string | undefined): string {
  return (text ?? '').slice(0, 300).replace(/`/g, "'").replace(/\s+/g, ' ');
}

export function totalErrors(scales: readonly ScaleResult[]): number {
  return errorsOf(scales).length;
}

/** The gateway's figures of an operation that was measured; undefined when it failed. */
const ours = (op: OperationResult) => op.results.gateway;

function summary(scales: readonly ScaleResult[]): string[] {
  const lines: string[] = [];
  const [small, large] = [scales[0]!, scales.at(-1)!];
  const pairs = large.operations.map((op, i) => ({ op, before: small.operations[i]! }));
  const failed = large.operations.filter((op, i) => op.failure !== undefined || small.operations[i]!.failure !== undefined);
  if (failed.length > 0) {
    lines.push(`- **operations our gateway does not answer**: ${failed.map((op) => op.operation.name).join(', ')} (see the end)`);
  }
  if (scales.length === 2) {
    const counted = pairs.filter(({ op, before }) => !Number.isNaN(op.sql.statements) && !Number.isNaN(before.sql.statements));
    const growing = counted.filter(({ op, before }) => op.sql.statements !== before.sql.statements);
    lines.push(
      `- SQL statements per request the same at 1x and 10x data: ${mark(growing.length === 0)} (${counted.length - growing.length} of ${counted.length} operations counted` +
        (growing.length > 0 ? `; differ: ${growing.map(({ op, before }) => `${op.operation.name} ${before.sql.statements} → ${op.sql.statements}`).join(', ')}` : '') +
        ')',
    );
    const growth = pairs
      .filter(({ op, before }) => ours(op) && ours(before))
      .map(({ op, before }) => ({ name: op.operation.name, r: ours(op)!.p95 / ours(before)!.p95 }));
    const over = growth.filter((g) => !(g.r <= TARGETS.p95Growth)).sort((a, b) => b.r - a.r);
    lines.push(
      `- p95 at 10x data at most ${TARGETS.p95Growth} × p95 at 1x, through our gateway: ${mark(over.length === 0 && failed.length === 0)} (${growth.length - over.length} of ${growth.length} operations measured at both sizes` +
        (over.length > 0 ? `; above: ${over.map((g) => `${g.name} ${g.r.toFixed(1)}×`).join(', ')}` : '') +
        ')',
    );
  }
  for (const scale of scales) {
    const compared = scale.operations.filter((op) => ours(op) && op.results.hive !== undefined);
    const ratios = compared.map((op) => ours(op)!.requestsPerSecond / op.results.hive!.requestsPerSecond);
    const atLeast = ratios.filter((r) => r >= 1).length;
    const unanswered = scale.operations.filter((op) => op.hiveDiffers !== undefined).length;
    lines.push(
      `- our gateway's throughput at least Hive Gateway's, at ${int(scale.database.rows.parcels)} parcels: ${mark(atLeast === ratios.length)} ` +
        `(${atLeast} of ${ratios.length} operations that both answer` +
        (ratios.length > 0 ? `; geometric mean of ours / Hive ${geometricMean(ratios).toFixed(2)}, lowest ${Math.min(...ratios).toFixed(2)}, highest ${Math.max(...ratios).toFixed(2)}` : '') +
        (unanswered > 0 ? `; Hive Gateway cannot answer ${unanswered}, see the end` : '') +
        ')',
    );
  }
  const gatewayRss = Math.max(...scales.map((s) => s.rss.get('gateway') ?? 0));
  const largestOf = (phase: 'firstAnswers' | 'load') => {
    const peaks = scales.flatMap((s) => s.operations.map((op) => ({ name: op.operation.name, bytes: op.gatewayRss?.[phase] ?? 0 })));
    return peaks.reduce((a, b) => (b.bytes > a.bytes ? b : a), { name: '–', bytes: 0 });
  };
  const [whileFirst, whileLoad] = [largestOf('firstAnswers'), largestOf('load')];
  lines.push(
    `- our gateway's RSS under load below ${TARGETS.gatewayRssMb} MB: ${mark(gatewayRss < TARGETS.gatewayRssMb * 2 ** 20)} (largest ${mb(gatewayRss)}; ` +
      `while first answers were computed ${mb(whileFirst.bytes)}, at ${whileFirst.name}; while load ran ${mb(whileLoad.bytes)}, at ${whileLoad.name}; Hive Gateway ${mb(Math.max(...scales.map((s) => s.rss.get('hive') ?? 0)))})`,
  );
  const scans = large.operations.filter((op) => op.sql.seqScans.length > 0);
  lines.push(
    `- no sequential scan on a large table (≥ ${int(LARGE_TABLE_ROWS)} rows) in the plans of any statement, at ${int(large.database.rows.parcels)} parcels: ${mark(scans.length === 0)}` +
      (scans.length > 0 ? ` (${scans.length} of ${large.operations.length} operations scan one; see below)` : '') +
      (failed.length > 0 ? ' (operations that failed not inspected)' : ''),
  );
  const errors = totalErrors(scales);
  lines.push(`- errors and failures through our gateway or a subgraph: ${errors === 0 ? 'none' : `**${errors}**, listed at the end`}`);
  const measured = large.operations.filter((op) => ours(op) !== undefined);
  const slowest = [...measured].sort((a, b) => ours(b)!.p95 - ours(a)!.p95)[0];
  if (slowest) {
    lines.push(
      `- slowest operation measured at ${int(large.database.rows.parcels)} parcels: ${slowest.operation.name}, p95 ${ms(ours(slowest)!.p95)} ms, ` +
        `${slowest.sql.statements} SQL statements` +
        (slowest.sql.seqScans.length > 0 ? `, sequential scans of ${slowest.sql.seqScans.map((s) => s.table).join(', ')}` : ''),
    );
  }
  return lines;
}

const failedCell = (op: OperationResult) => (op.failure?.startsWith('not tried') ? 'not tried' : '**failed**');
const count = (n: number) => (Number.isNaN(n) ? '–' : String(n));

function perOperationTable(scale: ScaleResult): string {
  return table(
    ['operation', 'token', 'SQL statements', 'req/s', 'p50 ms', 'p95 ms', 'p99 ms', 'requests', 'errors'],
    scale.operations.map((op) => {
      const r = ours(op);
      const head = [op.operation.name, op.operation.token ?? 'anonymous', count(op.sql.statements)];
      if (!r) return [...head, failedCell(op), '–', '–', '–', '–', '–'];
      return [...head, rate(r.requestsPerSecond), ms(r.p50), ms(r.p95), ms(r.p99), int(r.requests), String(r.errors)];
    }),
  );
}

function growthTable(small: ScaleResult, large: ScaleResult): string {
  return table(
    ['operation', 'SQL 1x', 'SQL 10x', 'p95 ms 1x', 'p95 ms 10x', 'p95 10x / 1x', `≤ ${TARGETS.p95Growth}`, 'req/s 1x', 'req/s 10x', 'first answer ms 1x', 'first answer ms 10x', 'answer kB 1x', 'answer kB 10x'],
    large.operations.map((op, i) => {
      const before = small.operations[i]!;
      const [a, b] = [ours(before), ours(op)];
      const growth = a && b ? b.p95 / a.p95 : Number.NaN;
      return [
        op.operation.name,
        count(before.sql.statements),
        count(op.sql.statements),
        a ? ms(a.p95) : failedCell(before),
        b ? ms(b.p95) : failedCell(op),
        Number.isNaN(growth) ? '–' : growth.toFixed(2),
        Number.isNaN(growth) ? '**no**' : mark(growth <= TARGETS.p95Growth),
        a ? rate(a.requestsPerSecond) : '–',
        b ? rate(b.requestsPerSecond) : '–',
        Number.isNaN(before.sql.firstMs) ? '–' : ms(before.sql.firstMs),
        Number.isNaN(op.sql.firstMs) ? '–' : ms(op.sql.firstMs),
        kilobytes(before.sql.answerBytes),
        kilobytes(op.sql.answerBytes),
      ];
    }),
  );
}

/** Each text as often as it is in `a` beyond its count in `b`. */
function beyond(a: readonly string[], b: readonly string[]): string[] {
  const left = new Map<string, number>();
  for (const text of b) left.set(text, (left.get(text) ?? 0) + 1);
  return a.filter((text) => {
    const n = left.get(text) ?? 0;
    left.set(text, n - 1);
    return n <= 0;
  });
}

/** For the operations whose statement count differs between the sizes: the statements sent at one size only. */
function statementDifferences(small: ScaleResult, large: ScaleResult): string[] {
  // The select list left out: the table and the condition say which statement it is.
  const shown = (full: string) => {
    const text = full.replace(/^select .*? from /i, 'select … from ');
    return `\`${text.length > 240 ? `${text.slice(0, 240)}…` : text}\``;
  };
  return large.operations.flatMap((op, i) => {
    const before = small.operations[i]!;
    if (Number.isNaN(op.sql.statements) || Number.isNaN(before.sql.statements) || op.sql.statements === before.sql.statements) return [];
    const onlyLarge = beyond(op.sql.texts, before.sql.texts);
    const onlySmall = beyond(before.sql.texts, op.sql.texts);
    return [
      `- ${op.operation.name} (${before.sql.statements} → ${op.sql.statements}):`,
      ...onlyLarge.map((text) => `  - at 10x only: ${shown(text)}`),
      ...onlySmall.map((text) => `  - at 1x only: ${shown(text)}`),
    ];
  });
}

function comparisonTable(scale: ScaleResult): string {
  return table(
    ['operation', 'subgraph directly', 'req/s direct', 'req/s ours', 'req/s Hive', 'ours / Hive', 'ours / direct', 'Hive / direct', 'p95 ms direct / ours / Hive'],
    scale.operations.map((op: OperationResult) => {
      const direct = op.directAgency ? op.results[`subgraph:${op.directAgency}`] : undefined;
      const mine = ours(op);
      const hive = op.results.hive;
      if (!mine) return [op.operation.name, '–', '–', failedCell(op), '–', '–', '–', '–', '–'];
      return [
        op.operation.name,
        op.directAgency ?? '– (crosses subgraphs)',
        direct ? rate(direct.requestsPerSecond) : '–',
        rate(mine.requestsPerSecond),
        hive ? rate(hive.requestsPerSecond) : 'cannot answer',
        ratio(mine.requestsPerSecond, hive?.requestsPerSecond),
        ratio(mine.requestsPerSecond, direct?.requestsPerSecond),
        ratio(hive?.requestsPerSecond, direct?.requestsPerSecond),
        `${direct ? ms(direct.p95) : '–'} / ${ms(mine.p95)} / ${hive ? ms(hive.p95) : '–'}`,
      ];
    }),
  );
}

function cpuTable(scale: ScaleResult): string {
  const rows: string[][] = [];
  for (const op of scale.operations) {
    for (const [target, result] of Object.entries(op.results)) {
      const cpu = cpuShares(result.cpuPerRequest);
      const label = target === 'gateway' ? 'our gateway' : target === 'hive' ? 'Hive Gateway' : `${target.slice('subgraph:'.length)} directly`;
      rows.push([op.operation.name, label, target.startsWith('subgraph:') ? '–' : cpu.gateway.toFixed(1), cpu.subgraphs.toFixed(1), cpu.postgres.toFixed(1), (cpu.gateway + cpu.subgraphs + cpu.postgres).toFixed(1)]);
    }
  }
  return table(['operation', 'through', 'gateway', 'subgraphs', 'Postgres', 'total'], rows);
}

function memoryTable(scales: readonly ScaleResult[]): string {
  const names = [...new Set(scales.flatMap((s) => [...s.rss.keys()]))];
  const label = (name: string) => (name === 'gateway' ? 'our gateway' : name === 'hive' ? 'Hive Gateway' : `${name} subgraph`);
  return table(['process', ...scales.map((s, i) => scaleLabel(s, i, scales.length))], names.map((name) => [label(name), ...scales.map((s) => mb(s.rss.get(name)))]));
}

/** Which operations raise our gateway's memory: its largest RSS while each one's first answers were computed, and under its load. */
function gatewayMemoryTable(scales: readonly ScaleResult[]): string {
  const names = scales[0]!.operations.map((op) => op.operation.name);
  const rssOf = (scale: ScaleResult, name: string) => scale.operations.find((op) => op.operation.name === name)?.gatewayRss;
  return table(
    ['operation', ...scales.flatMap((s, i) => [`first answers ${scaleLabel(s, i, scales.length)}`, `load ${scaleLabel(s, i, scales.length)}`])],
    names.map((name) => [name, ...scales.flatMap((s) => [mb(rssOf(s, name)?.firstAnswers), mb(rssOf(s, name)?.load)])]),
  );
}

function scanTable(scale: ScaleResult): string {
  const rows = scale.operations.filter((op) => op.sql.seqScans.length > 0).map((op) => [op.operation.name, op.sql.seqScans.map((s) => `${s.table} (${int(s.rows)} rows)`).join(', ')]);
  return rows.length === 0 ? '_None._' : table(['operation', 'tables read with a sequential scan'], rows);
}

function profileSection(scales: readonly ScaleResult[]): string[] {
  const profiled = scales.filter((s) => s.profile !== undefined);
  if (profiled.length === 0) return [];
  const out = ['## Where our gateway\'s time goes', ''];
  for (const scale of profiled) {
    const p = scale.profile!;
    out.push(
      `node --cpu-prof on the gateway process for the whole run at ${int(scale.database.rows.parcels)} parcels (start-up, warm-ups and every target's load; idle excluded): ${int(p.busyMs / 1000)} s on the CPU. Self time:`,
      '',
      table(['package', 'self time', 'share'], p.byPackage.slice(0, 15).map((e) => [e.name, `${int(e.ms)} ms`, `${((100 * e.ms) / p.busyMs).toFixed(1)} %`])),
      '',
      table(['function', 'where', 'self time', 'share'], p.byFunction.slice(0, 25).map((e) => [`\`${e.name}\``, e.where, `${int(e.ms)} ms`, `${((100 * e.ms) / p.busyMs).toFixed(1)} %`])),
      '',
    );
  }
  return out;
}

export function renderReport(run: RunDescription, scales: readonly ScaleResult[]): string {
  const two = scales.length === 2;
  const [small, large] = [scales[0]!, scales.at(-1)!];
  const dataRows: [string, (s: ScaleResult) => string][] = [
    ['demo scale (× 204 parcels)', (s) => String(s.database.scale)],
    ['parcels', (s) => int(s.database.rows.parcels)],
    ['soil samples', (s) => int(s.database.rows.soilSamples)],
    ['soil measurements', (s) => int(s.database.rows.soilMeasurements)],
    ['geochemical survey measurements', (s) => int(s.database.rows.surveyMeasurements)],
    ['rows in all tables', (s) => int(s.database.rows.total)],
    ['generate / write / vacuum analyze, s', (s) => [s.database.timings.generateMs, s.database.timings.writeMs, s.database.timings.analyzeMs].map((t) => (t / 1000).toFixed(1)).join(' / ')],
  ];
  const lines = [
    '# Benchmarks',
    '',
    `${run.quick ? '**Quick run (smoke test sizes, not the issue\'s)**' : '**Full sizes**'}${run.partial ? ', **some operations only**' : ''}: ${scales.map((s, i) => scaleLabel(s, i, scales.length)).join(' and ')}, measured ${run.date}. The data is the synthetic demo data. Written by \`pnpm bench\` (packages/bench); run it again to refresh this page.`,
    '',
    '## How it was run',
    '',
    `- Command: \`${run.command}\` (${run.minutes.toFixed(0)} minutes in all)`,
    ...run.machine.map((m) => `- ${m}`),
    ...run.method.map((m) => `- ${m}`),
    '',
    '## Data',
    '',
    table(['', ...scales.map((s, i) => scaleLabel(s, i, scales.length))], dataRows.map(([label, value]) => [label, ...scales.map(value)])),
    '',
    '## Against the targets of issue 7',
    '',
    ...summary(scales),
    '',
    ...scales.flatMap((scale, i) => [`## Our gateway at ${scaleLabel(scale, i, scales.length)}`, '', perOperationTable(scale), '']),
    ...(two
      ? [
          '## How cost grows with the data (our gateway)',
          '',
          'The answer sizes are those of the first answer (the operation\'s first body): where an answer lists what grows with the data, its p95 grows with it.',
          '',
          growthTable(small, large),
          '',
        ]
      : []),
    ...(two && statementDifferences(small, large).length > 0
      ? ['Statements sent at one size only, where the counts differ (texts as sent, parameters left out):', '', ...statementDifferences(small, large), '']
      : []),
    ...scales.flatMap((scale, i) => [
      `## Subgraph directly, our gateway, Hive Gateway at ${scaleLabel(scale, i, scales.length)}`,
      '',
      'Ratios of requests per second; "directly" is the one subgraph that answers the operation alone with the same data, called with the headers our gateway would send.',
      '',
      comparisonTable(scale),
      '',
    ]),
    `## CPU time per request at ${scaleLabel(large, scales.length - 1, scales.length)}`,
    '',
    'Milliseconds of CPU (user + system, from /proc/<pid>/stat) each process spent per answered request during the measured window: the gateway in front, the five subgraph processes together, and the database\'s Postgres backends. Where the time goes when the machine is saturated.',
    '',
    cpuTable(large),
    '',
    '## Memory under load (largest VmRSS while the load ran)',
    '',
    memoryTable(scales),
    '',
    'Our gateway per operation: its largest VmRSS while the operation\'s first answers were computed (each body once, cold, through our gateway and Hive Gateway: the area-wide @requires inputs cross the gateway then) and while the load ran on it through our gateway (mostly kept answers). Memory the gateway has not yet given back from the operation before counts too.',
    '',
    gatewayMemoryTable(scales),
    '',
    `## Sequential scans on large tables at ${scaleLabel(large, scales.length - 1, scales.length)}`,
    '',
    `Each statement an operation sends (captured in the in-process stack) is EXPLAINed with its parameters; listed are the tables of at least ${int(LARGE_TABLE_ROWS)} rows its plan reads with a sequential scan.`,
    '',
    scanTable(large),
    '',
    ...profileSection(scales),
    '## The operations',
    '',
    ...large.operations.map((op) => `- **${op.operation.name}** (${op.operation.token ? `${op.operation.token} token` : 'anonymous'}): ${op.operation.about}`),
    '',
  ];
  const hive = hiveProblems(scales);
  if (hive.length > 0) lines.push("## Where Hive Gateway does not answer as ours does", '', ...hive, '');
  const errors = errorsOf(scales);
  if (errors.length > 0) lines.push('## Errors and failures of our gateway', '', ...errors, '');
  return `${lines.join('\n')}\n`;
}
