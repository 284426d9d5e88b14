import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { farmlandClassDecisionImport, fertilizerUseImport, pesticideUseImport, safeUtilisationRecordImport } from '@soilgraph/agriculture/imports';
import { AUDIT_LOGS, verifyAuditChain } from '@soilgraph/db';
import { farmlandClassDecisions, fertilizerUse, pesticideUse, safeUtilisationRecords } from '@soilgraph/db/agriculture';
import type { ReferenceResolver } from '@soilgraph/server-kit';
import { createTestDatabase, type TestDatabase } from '@soilgraph/testkit';
import { asc, count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ImportFormat, importFile } from '../src/import.ts';
import { IMPORT_KINDS } from '../src/kinds.ts';
import { ownersOn, registerParcels } from './support.ts';

/** The CSV headers the kinds promise (written out here, so that a changed header fails). */
const FARMLAND_CLASS_DECISION_CSV_COLUMNS = ['externalId', 'parcelId', 'districtCode', 'farmlandClass', 'decidedOn', 'basis', 'decisionDocument'] as const;
const FERTILIZER_USE_CSV_COLUMNS = ['externalId', 'districtCode', 'year', 'crop', 'sownAreaHa', 'nitrogenT', 'phosphateT', 'potashT', 'compoundT', 'utilisationRatePct'] as const;
const PESTICIDE_USE_CSV_COLUMNS = ['externalId', 'districtCode', 'year', 'crop', 'activeIngredientT', 'environmentFriendlySharePct', 'utilisationRatePct'] as const;
const SAFE_UTILISATION_RECORD_CSV_COLUMNS = ['externalId', 'parcelId', 'districtCode', 'year', 'measures', 'cropsCompliant'] as const;

let database: TestDatabase;
let owners: ReferenceResolver;
beforeAll(async () => {
  database = await createTestDatabase();
  owners = ownersOn(database.db);
  // The parcels the files below name, registered with planning, which decides what exists.
  await registerParcels(database.db, [
    { id: 'IMP-P1', districtCode: '110112' },
    { id: 'IMP-P2', districtCode: '110118' },
    { id: 'IMP-P3', districtCode: '110112' },
    { id: 'IMP-P4', districtCode: '110112' },
  ]);
});
afterAll(async () => {
  await owners.close();
  await database.close();
});

const dir = mkdtempSync(path.join(tmpdir(), 'soilgraph-import-agriculture-'));
let files = 0;
function file(name: string, text: string): string {
  const full = path.join(dir, `${files++}-${name}`);
  writeFileSync(full, text);
  return full;
}

/** A CSV file: the kind's header, then one line per record (fields by column name, missing ones empty). */
function csv(name: string, columns: readonly string[], records: Record<string, string>[]): string {
  return file(name, [columns.join(','), ...records.map((r) => columns.map((c) => r[c] ?? '').join(','))].join('\n'));
}
const ndjson = (name: string, lines: (object | string)[]) => file(name, `${lines.map((l) => (typeof l === 'string' ? l : JSON.stringify(l))).join('\n')}\n`);

type Kind = Parameters<typeof importFile>[0]['kind'];
const run = (kind: unknown, f: string, format: ImportFormat) => importFile({ db: database.db, kind: kind as Kind, file: f, format, subject: 'test', references: owners });

const counts = async () => {
  const [decisions] = await database.db.select({ n: count() }).from(farmlandClassDecisions);
  const [fertilizer] = await database.db.select({ n: count() }).from(fertilizerUse);
  const [pesticide] = await database.db.select({ n: count() }).from(pesticideUse);
  const [safeUse] = await database.db.select({ n: count() }).from(safeUtilisationRecords);
  const [audit] = await database.db.select({ n: count() }).from(AUDIT_LOGS.agriculture);
  return { decisions: decisions!.n, fertilizer: fertilizer!.n, pesticide: pesticide!.n, safeUse: safeUse!.n, audit: audit!.n };
};

/** The documented id of a new decision: FCD-<parcel>-<first 10 hex digits of SHA-256(externalId)>, upper case. */
const decisionId = (parcelId: string, externalId: string) => `FCD-${parcelId}-${createHash('sha256').update(externalId).digest('hex').slice(0, 10).toUpperCase()}`;

/** Text that must come back exactly as sent through CSV quoting: commas, quotes, Unicode, SQL metacharacters. */
const ODD_BASIS = `Survey, "2023" 北京; drop table agriculture.farmland_class_decisions; -- %_`;
const csvQuoted = (v: string) => `"${v.replaceAll('"', '""')}"`;

describe('the agriculture import kinds are registered', () => {
  it('lists the four kinds under agriculture, each with its mutation', () => {
    const kinds = IMPORT_KINDS.agriculture!;
    expect(Object.fromEntries(Object.entries(kinds).map(([name, k]) => [name, k.operation]))).toEqual({
      'farmland-class-decisions': 'submitFarmlandClassDecisions',
      'fertilizer-use': 'submitFertilizerUse',
      'pesticide-use': 'submitPesticideUse',
      'safe-utilisation-records': 'submitSafeUtilisationRecords',
    });
    for (const k of Object.values(kinds)) expect(k.agency).toBe('agriculture');
  });
});

describe('importing agriculture data (CSV and NDJSON through the mutation path)', () => {
  it('imports farmland class decisions from CSV, then NDJSON; importing either again changes nothing', async () => {
    const before = await counts();
    const good = csv('decisions.csv', FARMLAND_CLASS_DECISION_CSV_COLUMNS, [
      { externalId: 'dec-1', parcelId: 'IMP-P1', districtCode: '110112', farmlandClass: 'SAFE_UTILISATION', decidedOn: '2024-03-01', basis: csvQuoted(ODD_BASIS) },
      { externalId: 'dec-2', parcelId: 'IMP-P2', districtCode: '110228', farmlandClass: 'STRICT_CONTROL', decidedOn: '2024-06-30', basis: 'Cd above the control value', decisionDocument: 'Doc 7' },
      { externalId: 'dec-3', parcelId: 'IMP-P3', districtCode: '110112', farmlandClass: 'PRIORITY_PROTECTION', decidedOn: '2024-01-15', basis: 'Clean' },
    ]);
    expect(await run(farmlandClassDecisionImport, good, 'csv')).toMatchObject({ lines: 4, rows: 3, written: true, created: 3, updated: 0, unchanged: 0, badLineCount: 0 });
    const stored = await database.db.select().from(farmlandClassDecisions).orderBy(asc(farmlandClassDecisions.externalId));
    expect(stored.map((d) => ({ id: d.id, externalId: d.externalId, districtCode: d.districtCode, basis: d.basis, decisionDocument: d.decisionDocument }))).toEqual([
      { id: decisionId('IMP-P1', 'dec-1'), externalId: 'dec-1', districtCode: '110112', basis: ODD_BASIS, decisionDocument: null },
      // The pre-2015 Miyun code is stored as the current one.
      { id: decisionId('IMP-P2', 'dec-2'), externalId: 'dec-2', districtCode: '110118', basis: 'Cd above the control value', decisionDocument: 'Doc 7' },
      { id: decisionId('IMP-P3', 'dec-3'), externalId: 'dec-3', districtCode: '110112', basis: 'Clean', decisionDocument: null },
    ]);
    expect(await run(farmlandClassDecisionImport, good, 'csv')).toMatchObject({ written: true, created: 0, updated: 0, unchanged: 3 });

    const lines = ndjson('decisions.ndjson', [
      { externalId: 'dec-3', parcelId: 'IMP-P3', districtCode: '110112', farmlandClass: 'PRIORITY_PROTECTION', decidedOn: '2024-01-15', basis: 'Clean, resurveyed' },
      { externalId: 'dec-4', parcelId: 'IMP-P4', districtCode: '110112', farmlandClass: 'PRIORITY_PROTECTION', decidedOn: '2025-02-01', basis: 'Clean' },
    ]);
    expect(await run(farmlandClassDecisionImport, lines, 'ndjson')).toMatchObject({ lines: 2, rows: 2, written: true, created: 1, updated: 1, unchanged: 0, badLineCount: 0 });
    expect(await run(farmlandClassDecisionImport, lines, 'ndjson')).toMatchObject({ written: true, created: 0, updated: 0, unchanged: 2 });
    const [updated] = await database.db.select().from(farmlandClassDecisions).where(eq(farmlandClassDecisions.externalId, 'dec-3'));
    expect(updated!.basis).toBe('Clean, resurveyed');
    // 4 decisions created and 1 updated: 5 audit entries, none for the unchanged re-imports.
    expect(await counts()).toEqual({ ...before, decisions: before.decisions + 4, audit: before.audit + 5 });
  });

  it('imports fertiliser use from CSV and NDJSON, ids built from district, year and crop', async () => {
    const before = await counts();
    const good = csv('fertilizer.csv', FERTILIZER_USE_CSV_COLUMNS, [
      { externalId: 'fu-1', districtCode: '110112', year: '2031', crop: 'WHEAT', sownAreaHa: '8123.4', nitrogenT: '1210.5', phosphateT: '402.25', potashT: '268.1', compoundT: '806.75', utilisationRatePct: '41.3' },
      { externalId: 'fu-2', districtCode: '110228', year: '2031', crop: 'MAIZE', sownAreaHa: '500', nitrogenT: '60', phosphateT: '20', potashT: '10', compoundT: '30' },
    ]);
    expect(await run(fertilizerUseImport, good, 'csv')).toMatchObject({ lines: 3, rows: 2, written: true, created: 2, updated: 0, unchanged: 0, badLineCount: 0 });
    expect(await run(fertilizerUseImport, good, 'csv')).toMatchObject({ written: true, created: 0, unchanged: 2 });
    const stored = await database.db.select().from(fertilizerUse).orderBy(asc(fertilizerUse.externalId));
    expect(stored.map((r) => ({ id: r.id, sownAreaHa: r.sownAreaHa, compoundT: r.compoundT, utilisationRatePct: r.utilisationRatePct }))).toEqual([
      { id: 'FU-110112-2031-WHEAT', sownAreaHa: 8123.4, compoundT: 806.75, utilisationRatePct: 41.3 },
      { id: 'FU-110118-2031-MAIZE', sownAreaHa: 500, compoundT: 30, utilisationRatePct: null },
    ]);

    const record = { externalId: 'fu-3', districtCode: '110112', year: 2031, crop: 'RICE', sownAreaHa: 12, nitrogenT: 1, phosphateT: 1, potashT: 1, compoundT: 1, utilisationRatePct: null };
    const lines = ndjson('fertilizer.ndjson', [record, { ...record, externalId: 'fu-1', crop: 'WHEAT', nitrogenT: 1300 }]);
    expect(await run(fertilizerUseImport, lines, 'ndjson')).toMatchObject({ rows: 2, written: true, created: 1, updated: 1, unchanged: 0 });
    expect(await run(fertilizerUseImport, lines, 'ndjson')).toMatchObject({ written: true, created: 0, updated: 0, unchanged: 2 });
    expect(await counts()).toEqual({ ...before, fertilizer: before.fertilizer + 3, audit: before.audit + 4 });
  });

  it('rejects a fertiliser-use NDJSON file with bad lines whole, naming every bad line, and writes nothing', async () => {
    const before = await counts();
    const ok = { externalId: 'fu-ok', districtCode: '110112', year: 2032, crop: 'WHEAT', sownAreaHa: 1, nitrogenT: 1, phosphateT: 1, potashT: 1, compoundT: 1 };
    const bad = ndjson('fertilizer-bad.ndjson', [
      ok,
      { ...ok, externalId: 'fu-barley', crop: 'BARLEY' },
      // District, year and crop already recorded under fu-1 (FU-110112-2031-WHEAT).
      { ...ok, externalId: 'fu-clash', year: 2031 },
      // fu-2 is FU-110118-2031-MAIZE: its crop cannot change.
      { ...ok, externalId: 'fu-2', districtCode: '110118', year: 2031, crop: 'RICE' },
      '{"externalId": "fu-broken"',
      { ...ok, externalId: 'fu-negative', crop: 'RICE', nitrogenT: -1 },
    ]);
    const summary = await run(fertilizerUseImport, bad, 'ndjson');
    expect(summary.written).toBe(false);
    expect(summary.badLines.map((b) => b.lines).sort()).toEqual(['2', '3', '4', '5', '6']);
    const message = (line: string) => summary.badLines.filter((b) => b.lines === line).map((b) => b.message).join(' | ');
    expect(message('2')).toMatch(/^crop/);
    expect(message('3')).toMatch(/already recorded as FU-110112-2031-WHEAT under externalId "fu-1"/);
    expect(message('4')).toMatch(/^crop: externalId "fu-2" is FU-110118-2031-MAIZE.*cannot change/);
    expect(message('5')).toMatch(/^not JSON/);
    expect(message('6')).toMatch(/^nitrogenT: must be tonnes, 0 or more/);
    expect(await counts()).toEqual(before);
  });

  it('imports pesticide use from CSV and NDJSON', async () => {
    const before = await counts();
    const good = csv('pesticide.csv', PESTICIDE_USE_CSV_COLUMNS, [
      { externalId: 'pu-1', districtCode: '110112', year: '2031', crop: 'VEGETABLES', activeIngredientT: '12.5', environmentFriendlySharePct: '63.2', utilisationRatePct: '40' },
      { externalId: 'pu-2', districtCode: '110112', year: '2031', crop: 'FRUIT_TREES', activeIngredientT: '3', environmentFriendlySharePct: '50' },
    ]);
    expect(await run(pesticideUseImport, good, 'csv')).toMatchObject({ lines: 3, rows: 2, written: true, created: 2, badLineCount: 0 });
    expect(await run(pesticideUseImport, good, 'csv')).toMatchObject({ written: true, created: 0, updated: 0, unchanged: 2 });
    const stored = await database.db.select().from(pesticideUse).orderBy(asc(pesticideUse.externalId));
    expect(stored.map((r) => ({ id: r.id, activeIngredientT: r.activeIngredientT, environmentFriendlySharePct: r.environmentFriendlySharePct, utilisationRatePct: r.utilisationRatePct }))).toEqual([
      { id: 'PU-110112-2031-VEGETABLES', activeIngredientT: 12.5, environmentFriendlySharePct: 63.2, utilisationRatePct: 40 },
      { id: 'PU-110112-2031-FRUIT_TREES', activeIngredientT: 3, environmentFriendlySharePct: 50, utilisationRatePct: null },
    ]);

    const lines = ndjson('pesticide.ndjson', [{ externalId: 'pu-3', districtCode: '110112', year: 2032, crop: 'VEGETABLES', activeIngredientT: 11, environmentFriendlySharePct: 70 }]);
    expect(await run(pesticideUseImport, lines, 'ndjson')).toMatchObject({ lines: 1, rows: 1, written: true, created: 1 });
    expect(await run(pesticideUseImport, lines, 'ndjson')).toMatchObject({ written: true, created: 0, unchanged: 1 });
    expect(await counts()).toEqual({ ...before, pesticide: before.pesticide + 3, audit: before.audit + 3 });
  });

  it('imports safe-utilisation records from CSV (measures `;`-separated, stored in enum order) and NDJSON', async () => {
    const before = await counts();
    const good = csv('safe-use.csv', SAFE_UTILISATION_RECORD_CSV_COLUMNS, [
      { externalId: 'su-1', parcelId: 'IMP-P1', districtCode: '110112', year: '2024', measures: 'FALLOW;LOW_ACCUMULATION_VARIETY', cropsCompliant: 'true' },
      { externalId: 'su-2', parcelId: 'IMP-P2', districtCode: '110118', year: '2025', measures: '', cropsCompliant: 'false' },
    ]);
    expect(await run(safeUtilisationRecordImport, good, 'csv')).toMatchObject({ lines: 3, rows: 2, written: true, created: 2, badLineCount: 0 });
    expect(await run(safeUtilisationRecordImport, good, 'csv')).toMatchObject({ written: true, created: 0, updated: 0, unchanged: 2 });
    const stored = await database.db.select().from(safeUtilisationRecords).orderBy(asc(safeUtilisationRecords.externalId));
    expect(stored.map((r) => ({ id: r.id, measures: r.measures, cropsCompliant: r.cropsCompliant }))).toEqual([
      { id: 'SU-IMP-P1-2024', measures: ['LOW_ACCUMULATION_VARIETY', 'FALLOW'], cropsCompliant: true },
      { id: 'SU-IMP-P2-2025', measures: [], cropsCompliant: false },
    ]);

    const lines = ndjson('safe-use.ndjson', [
      { externalId: 'su-3', parcelId: 'IMP-P1', districtCode: '110112', year: 2025, measures: ['SOIL_CONDITIONING'], cropsCompliant: true },
      { externalId: 'su-2', parcelId: 'IMP-P2', districtCode: '110118', year: 2025, measures: ['AGRONOMIC_REGULATION'], cropsCompliant: false },
    ]);
    expect(await run(safeUtilisationRecordImport, lines, 'ndjson')).toMatchObject({ rows: 2, written: true, created: 1, updated: 1, unchanged: 0 });
    expect(await run(safeUtilisationRecordImport, lines, 'ndjson')).toMatchObject({ written: true, created: 0, updated: 0, unchanged: 2 });
    expect(await counts()).toEqual({ ...before, safeUse: before.safeUse + 3, audit: before.audit + 4 });
  });

  it('rejects a safe-utilisation CSV with bad lines whole, naming every bad line, and writes nothing', async () => {
    const before = await counts();
    const bad = csv('safe-use-bad.csv', SAFE_UTILISATION_RECORD_CSV_COLUMNS, [
      /* line 2 */ { externalId: 'su-ok', parcelId: 'IMP-P2', districtCode: '110118', year: '2026', measures: 'FALLOW', cropsCompliant: 'true' },
      /* line 3: IMP-P3 is priority protection, not contaminated */ { externalId: 'su-clean', parcelId: 'IMP-P3', districtCode: '110112', year: '2025', measures: '', cropsCompliant: 'true' },
      /* line 4 */ { externalId: 'su-twice', parcelId: 'IMP-P2', districtCode: '110118', year: '2027', measures: 'FALLOW;FALLOW', cropsCompliant: 'true' },
      /* line 5 */ { externalId: 'su-yes', parcelId: 'IMP-P2', districtCode: '110118', year: '2028', measures: 'FALLOW', cropsCompliant: 'yes' },
      /* lines 6-7: one externalId on two consecutive lines */ { externalId: 'su-double', parcelId: 'IMP-P2', districtCode: '110118', year: '2029', measures: '', cropsCompliant: 'true' },
      { externalId: 'su-double', parcelId: 'IMP-P2', districtCode: '110118', year: '2030', measures: '', cropsCompliant: 'true' },
      /* line 8 */ { externalId: 'su-year', parcelId: 'IMP-P2', districtCode: '110118', year: 'abc', measures: '', cropsCompliant: 'true' },
      /* line 9: IMP-P1 2024 is SU-IMP-P1-2024 under su-1 */ { externalId: 'su-clash', parcelId: 'IMP-P1', districtCode: '110112', year: '2024', measures: '', cropsCompliant: 'true' },
      /* line 10: IMP-P1's first decision is of 2024-03-01 */ { externalId: 'su-early', parcelId: 'IMP-P1', districtCode: '110112', year: '2023', measures: '', cropsCompliant: 'true' },
    ]);
    const summary = await run(safeUtilisationRecordImport, bad, 'csv');
    expect(summary.written).toBe(false);
    expect(summary.lines).toBe(10);
    expect(summary.badLines.map((b) => b.lines).sort()).toEqual(['10', '3', '4', '5', '6-7', '8', '9']);
    const message = (line: string) => summary.badLines.filter((b) => b.lines === line).map((b) => b.message).join(' | ');
    expect(message('3')).toMatch(/^parcelId: parcel "IMP-P3" was PRIORITY_PROTECTION .* a safe-utilisation record needs a SAFE_UTILISATION or STRICT_CONTROL decision/);
    expect(message('4')).toMatch(/^measures\.1: FALLOW is given twice/);
    expect(message('5')).toMatch(/^cropsCompliant/);
    expect(message('6-7')).toMatch(/2 consecutive lines have externalId "su-double"; a safe-utilisation record is one line/);
    expect(message('8')).toMatch(/^year/);
    expect(message('9')).toMatch(/^year: parcel "IMP-P1", year 2024 is already recorded as SU-IMP-P1-2024 under externalId "su-1"/);
    expect(message('10')).toMatch(/^parcelId: parcel "IMP-P1" has no farmland class decision on or before the end of 2023/);
    expect(await counts()).toEqual(before);
  });

  it('leaves a sound audit chain recording the imports as import:<mutation>', async () => {
    expect((await verifyAuditChain(database.db, AUDIT_LOGS.agriculture)).problems).toEqual([]);
    const operations = await database.db.selectDistinct({ operation: AUDIT_LOGS.agriculture.operation }).from(AUDIT_LOGS.agriculture).orderBy(asc(AUDIT_LOGS.agriculture.operation));
    expect(operations.map((o) => o.operation)).toEqual(['import:submitFarmlandClassDecisions', 'import:submitFertilizerUse', 'import:submitPesticideUse', 'import:submitSafeUtilisationRecords']);
  });
});
