import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { AUDIT_LOGS, verifyAuditChain } from '@soilgraph/db';
import { generateDemoData } from '@soilgraph/db/demo';
import { districts, landUseChanges, parcels } from '@soilgraph/db/planning';
import { landUseChangeImport, parcelImport } from '@soilgraph/planning/imports';
import { NO_REFERENCE_RESOLVER } from '@soilgraph/server-kit';
import { createTestDatabase, type TestDatabase } from '@soilgraph/testkit';
import { asc, count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ImportFormat, importFile } from '../src/import.ts';
import { IMPORT_KINDS } from '../src/kinds.ts';

/** The CSV headers the kinds promise (written out here, so that a changed header fails). */
const PARCEL_CSV_COLUMNS = ['externalId', 'id', 'name', 'districtCode', 'landUse', 'plannedUse', 'areaHa', 'geometry'] as const;
const LAND_USE_CHANGE_CSV_COLUMNS = ['externalId', 'caseNumber', 'parcelId', 'fromPlannedUse', 'toPlannedUse', 'status', 'proposedOn', 'decidedOn'] as const;

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
  // Parcels reference planning's districts: the reference rows only, no demo parcels or cases.
  await database.db.insert(districts).values(generateDemoData().planning.districts);
});
afterAll(() => database.close());

const dir = mkdtempSync(path.join(tmpdir(), 'soilgraph-import-planning-'));
let files = 0;
function file(name: string, text: string): string {
  const full = path.join(dir, `${files++}-${name}`);
  writeFileSync(full, text);
  return full;
}

/** A CSV field, quoted (RFC 4180) when it holds a comma, a quote or a line break. */
const field = (v: string) => (/[",\n\r]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);
const csvOf = (columns: readonly string[], records: Record<string, string>[]) => [columns.join(','), ...records.map((r) => columns.map((c) => field(r[c] ?? '')).join(','))].join('\n');
const ndjsonOf = (values: unknown[]) => `${values.map((v) => JSON.stringify(v)).join('\n')}\n`;

type Position = [number, number];
/** A closed square ring of the given size at (lon, lat). */
const square = (lon: number, lat: number, size = 0.01): Position[] => [
  [lon, lat],
  [lon + size, lat],
  [lon + size, lat + size],
  [lon, lat + size],
  [lon, lat],
];

/** Text that must come back exactly as sent: CSV and SQL metacharacters, quotes, Unicode. */
const ODD_NAME = `地块 "North", 海淀'; drop table planning.parcels; --`;

const P1 = {
  externalId: 'imp-p-1',
  id: 'IMP-110108-P1',
  name: ODD_NAME,
  districtCode: '110108',
  landUse: '0701',
  plannedUse: 'R2',
  areaHa: 12.5,
  geometry: { type: 'Polygon', coordinates: [square(116.3, 39.98)] },
};
const P2 = {
  externalId: 'imp-p-2',
  id: 'IMP-110105-P2',
  name: 'Chaoyang parcel (synthetic)',
  districtCode: '110105',
  landUse: '0101',
  plannedUse: null,
  areaHa: 3,
  geometry: { type: 'MultiPolygon', coordinates: [[square(116.45, 39.92)], [square(116.47, 39.93, 0.002)]] },
};
const P3 = { ...P1, externalId: 'imp-p-3', id: 'IMP-110108-P3', name: 'Third (synthetic)', geometry: { type: 'Polygon', coordinates: [square(116.32, 39.97)] } };

/** A parcel submission as one CSV record. */
const parcelRecord = (p: typeof P1 | typeof P2, over: Record<string, string> = {}): Record<string, string> => ({
  externalId: p.externalId,
  id: p.id,
  name: p.name,
  districtCode: p.districtCode,
  landUse: p.landUse,
  plannedUse: p.plannedUse ?? '',
  areaHa: String(p.areaHa),
  geometry: JSON.stringify(p.geometry),
  ...over,
});

const C1 = { externalId: 'imp-c-1', caseNumber: 'BJGT, "2025" 001', parcelId: P1.id, fromPlannedUse: 'M1' as string | null, toPlannedUse: 'A33', status: 'PROPOSED', proposedOn: '2025-03-01', decidedOn: null as string | null };
const C2 = { externalId: 'imp-c-2', caseNumber: 'BJGT-2025-002', parcelId: P2.id, fromPlannedUse: null as string | null, toPlannedUse: 'R2', status: 'APPROVED', proposedOn: '2025-01-10', decidedOn: '2025-02-20' as string | null };
const C3 = { ...C1, externalId: 'imp-c-3', caseNumber: 'BJGT-2025-003', status: 'REJECTED', decidedOn: '2025-04-01' };
const caseRecord = (c: typeof C1, over: Record<string, string> = {}): Record<string, string> => ({
  ...Object.fromEntries(Object.entries(c).map(([k, v]) => [k, v ?? ''])),
  ...over,
});

// Planning's rows name no other agency's entity: an import that asked an owner would fail here.
const runParcels = (f: string, format: ImportFormat) => importFile({ db: database.db, kind: parcelImport as never, file: f, format, subject: 'test', references: NO_REFERENCE_RESOLVER });
const runChanges = (f: string, format: ImportFormat) => importFile({ db: database.db, kind: landUseChangeImport as never, file: f, format, subject: 'test', references: NO_REFERENCE_RESOLVER });
const counts = async () => {
  const [p] = await database.db.select({ n: count() }).from(parcels);
  const [c] = await database.db.select({ n: count() }).from(landUseChanges);
  const [a] = await database.db.select({ n: count() }).from(AUDIT_LOGS.planning);
  return { parcels: p!.n, changes: c!.n, audit: a!.n };
};
const storedParcel = async (externalId: string) => (await database.db.select().from(parcels).where(eq(parcels.externalId, externalId)))[0]!;
const storedCase = async (externalId: string) => (await database.db.select().from(landUseChanges).where(eq(landUseChanges.externalId, externalId)))[0]!;
/** The bbox of a geometry's positions, computed here independently of @soilgraph/geo. */
const boxOf = (positions: Position[]) => ({
  minLon: Math.min(...positions.map((p) => p[0])),
  minLat: Math.min(...positions.map((p) => p[1])),
  maxLon: Math.max(...positions.map((p) => p[0])),
  maxLat: Math.max(...positions.map((p) => p[1])),
});

describe('planning imports (CSV and NDJSON through the mutation path)', () => {
  it('registers the kinds parcels and land-use-changes', () => {
    expect(Object.keys(IMPORT_KINDS.planning ?? {}).sort()).toEqual(['land-use-changes', 'parcels']);
    expect(IMPORT_KINDS.planning!.parcels!.csvColumns).toEqual(PARCEL_CSV_COLUMNS);
    expect(IMPORT_KINDS.planning!['land-use-changes']!.operation).toBe('submitLandUseChanges');
  });

  it('imports parcels from CSV (GeoJSON text in geometry), and importing it again changes nothing', async () => {
    const csv = file('parcels.csv', csvOf(PARCEL_CSV_COLUMNS, [parcelRecord(P1), parcelRecord(P2)]));
    expect(await runParcels(csv, 'csv')).toMatchObject({ lines: 3, rows: 2, written: true, created: 2, updated: 0, unchanged: 0, badLineCount: 0 });
    expect(await counts()).toEqual({ parcels: 2, changes: 0, audit: 2 });
    const p1 = await storedParcel(P1.externalId);
    expect(p1).toMatchObject({ id: P1.id, name: ODD_NAME, districtCode: '110108', landUse: '0701', plannedUse: 'R2', areaHa: 12.5, geometry: P1.geometry, ...boxOf(P1.geometry.coordinates[0]!) });
    const p2 = await storedParcel(P2.externalId);
    expect(p2).toMatchObject({ id: P2.id, plannedUse: null, geometry: P2.geometry, ...boxOf(P2.geometry.coordinates.flat(2) as Position[]) });
    expect(await runParcels(csv, 'csv')).toMatchObject({ written: true, created: 0, updated: 0, unchanged: 2 });
    expect(await counts()).toEqual({ parcels: 2, changes: 0, audit: 2 });
  });

  it('imports parcels from NDJSON, updating a parcel the CSV created; the audit names the import', async () => {
    const ndjson = file('parcels.ndjson', ndjsonOf([{ ...P2, areaHa: 3.5 }, P3]));
    expect(await runParcels(ndjson, 'ndjson')).toMatchObject({ lines: 2, rows: 2, written: true, created: 1, updated: 1, unchanged: 0, badLineCount: 0 });
    expect((await storedParcel(P2.externalId)).areaHa).toBe(3.5);
    expect(await runParcels(ndjson, 'ndjson')).toMatchObject({ written: true, created: 0, updated: 0, unchanged: 2 });
    expect(await counts()).toEqual({ parcels: 3, changes: 0, audit: 4 });
    const entries = await database.db.select().from(AUDIT_LOGS.planning).orderBy(asc(AUDIT_LOGS.planning.seq));
    expect(entries.map((e) => [e.operation, e.entityKey, e.change, e.subject])).toEqual([
      ['import:submitParcels', P1.id, 'CREATED', 'test'],
      ['import:submitParcels', P2.id, 'CREATED', 'test'],
      ['import:submitParcels', P2.id, 'UPDATED', 'test'],
      ['import:submitParcels', P3.id, 'CREATED', 'test'],
    ]);
    expect((await verifyAuditChain(database.db, AUDIT_LOGS.planning)).problems).toEqual([]);
  });

  it('imports planned-use change cases from CSV, numbered per district of their parcel, and importing again changes nothing', async () => {
    const csv = file('changes.csv', csvOf(LAND_USE_CHANGE_CSV_COLUMNS, [caseRecord(C1), caseRecord(C2), caseRecord(C3)]));
    const before = await counts();
    expect(await runChanges(csv, 'csv')).toMatchObject({ lines: 4, rows: 3, written: true, created: 3, updated: 0, unchanged: 0, badLineCount: 0 });
    // The database starts empty: each district's cases are numbered from 1 in input order.
    expect(await storedCase(C1.externalId)).toMatchObject({ id: `LUC-${P1.districtCode}-001`, caseNumber: C1.caseNumber, parcelId: P1.id, districtCode: P1.districtCode, fromPlannedUse: 'M1', decidedOn: null });
    expect(await storedCase(C2.externalId)).toMatchObject({ id: `LUC-${P2.districtCode}-001`, districtCode: P2.districtCode, fromPlannedUse: null, status: 'APPROVED', decidedOn: '2025-02-20' });
    expect(await storedCase(C3.externalId)).toMatchObject({ id: `LUC-${P1.districtCode}-002`, status: 'REJECTED', decidedOn: '2025-04-01' });
    expect(await runChanges(csv, 'csv')).toMatchObject({ written: true, created: 0, updated: 0, unchanged: 3 });
    expect(await counts()).toEqual({ ...before, changes: 3, audit: before.audit + 3 });
  });

  it('imports cases from NDJSON, updating one and numbering a new one on', async () => {
    const c4 = { ...C2, externalId: 'imp-c-4', caseNumber: 'BJGT-2025-004', parcelId: P3.id };
    const ndjson = file('changes.ndjson', ndjsonOf([{ ...C1, status: 'APPROVED', decidedOn: '2025-05-05' }, c4]));
    expect(await runChanges(ndjson, 'ndjson')).toMatchObject({ lines: 2, rows: 2, written: true, created: 1, updated: 1, unchanged: 0 });
    expect(await storedCase(C1.externalId)).toMatchObject({ id: `LUC-${P1.districtCode}-001`, status: 'APPROVED', decidedOn: '2025-05-05' });
    expect((await storedCase(c4.externalId)).id).toBe(`LUC-${P3.districtCode}-003`);
    expect(await runChanges(ndjson, 'ndjson')).toMatchObject({ written: true, created: 0, updated: 0, unchanged: 2 });
    expect((await verifyAuditChain(database.db, AUDIT_LOGS.planning)).problems).toEqual([]);
  });

  it('rejects a parcel CSV with bad lines whole, naming every bad line, and writes nothing', async () => {
    const before = await counts();
    const csv = file('bad-parcels.csv', csvOf(PARCEL_CSV_COLUMNS, [
      parcelRecord(P3, { externalId: 'bad-2', id: 'BAD-2', areaHa: 'abc' }),
      parcelRecord(P3, { externalId: 'bad-3', id: 'BAD-3', geometry: '{"type": "Polygon",' }),
      parcelRecord(P3, { externalId: 'ok-4', id: 'OK-4' }),
      parcelRecord(P3, { externalId: 'bad-5', id: 'BAD-5', geometry: JSON.stringify({ type: 'Polygon', coordinates: [square(116.3, 39.98).slice(0, 4)] }) }),
      parcelRecord(P3, { externalId: 'bad-6', id: 'BAD-6', landUse: '9999' }),
      parcelRecord(P3, { externalId: 'bad-7', id: P2.id }),
      parcelRecord(P1, { districtCode: '110105' }),
      parcelRecord(P3, { externalId: 'bad-9', id: 'BAD-9' }),
      parcelRecord(P3, { externalId: 'bad-9', id: 'BAD-9', name: 'again' }),
    ]));
    const summary = await runParcels(csv, 'csv');
    expect(summary.written).toBe(false);
    expect(summary.lines).toBe(10);
    const byLines = new Map(summary.badLines.map((b) => [b.lines, b.message]));
    expect([...byLines.keys()].sort()).toEqual(['2', '3', '5', '6', '7', '8', '9-10']);
    expect(summary.badLineCount).toBe(7);
    expect(byLines.get('2')).toMatch(/^areaHa: /);
    expect(byLines.get('3')).toMatch(/not GeoJSON text/);
    expect(byLines.get('5')).toMatch(/must be closed/);
    expect(byLines.get('6')).toMatch(/^landUse: unknown land use "9999"/);
    expect(byLines.get('7')).toMatch(/already registered under another externalId/);
    expect(byLines.get('8')).toMatch(/^districtCode: .*cannot change/);
    expect(byLines.get('9-10')).toMatch(/2 consecutive lines have externalId "bad-9"/);
    expect(await counts()).toEqual(before);
  });

  it('rejects a case NDJSON with bad lines whole, naming every bad line, and writes nothing', async () => {
    const before = await counts();
    const ndjson = file('bad-changes.ndjson', [
      JSON.stringify({ ...C1, externalId: 'ok-1', parcelId: P3.id }),
      '{"externalId": "bad-2"',
      '',
      JSON.stringify({ ...C1, externalId: 'bad-4', parcelId: 'NO-SUCH-PARCEL' }),
      JSON.stringify({ ...C1, parcelId: P2.id }),
      JSON.stringify({ ...C3, externalId: 'bad-6', decidedOn: '2025-02-28' }),
      JSON.stringify({ ...C1, externalId: 'bad-7', toPlannedUse: 'M1' }),
    ].join('\n'));
    const summary = await runChanges(ndjson, 'ndjson');
    expect(summary.written).toBe(false);
    const byLines = new Map(summary.badLines.map((b) => [b.lines, b.message]));
    expect([...byLines.keys()].sort()).toEqual(['2', '4', '5', '6', '7']);
    expect(summary.badLineCount).toBe(5);
    expect(byLines.get('2')).toMatch(/^not JSON/);
    expect(byLines.get('4')).toMatch(/^parcelId: no parcel "NO-SUCH-PARCEL" in planning/);
    expect(byLines.get('5')).toMatch(new RegExp(`^parcelId: case LUC-${P1.districtCode}-001 is on parcel "${P1.id}"; a case stays on its parcel`));
    expect(byLines.get('6')).toMatch(/^decidedOn: must not be before proposedOn/);
    expect(byLines.get('7')).toMatch(/^toPlannedUse: must differ from fromPlannedUse/);
    expect(await counts()).toEqual(before);
  });
});
