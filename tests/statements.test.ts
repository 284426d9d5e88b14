import { type Agency, AGENCIES, sqlStatementCount } from '@soilgraph/db';
import { generateDemoData } from '@soilgraph/db/demo';
import { type RunningStack, startStack } from '@soilgraph/stack';
import { createTestDatabase, type TestDatabase, testAuthConfig, testDatabaseUrl, tokenFor } from '@soilgraph/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readmeExamples, runExample } from './support/readme.ts';

/*
 * Issue 7: the SQL statements a gateway request causes must not grow with the rows it returns.
 * This file starts two stacks of its own, in this process, on the demo data at two sizes (the
 * shared stack of global-setup.ts runs in another process), so that sqlStatementCount() read
 * before and after one request counts exactly that request's statements, in all five
 * subgraphs together. Requests run one at a time.
 */

const SMALL_SCALE = 1;
/**
 * Four times the parcels (816 instead of 204), samples and survey points. Not 5: there the first
 * farmland parcel of Daxing, which a README example walks into, has no samples, so that answer
 * asks for no measurements and costs one statement less; equal counts need answers of one shape.
 */
const LARGE_SCALE = 4;
/** "Small": what one request may cost at most, in statements, whatever it asks. */
const MAX_STATEMENTS = 40;

interface ScaledStack {
  scale: number;
  stack: RunningStack;
  database: TestDatabase | undefined;
}

/** A whole federation on a fresh database seeded at `scale` (real Postgres when the tests have it, else PGlite in memory). */
async function startScaled(scale: number): Promise<ScaledStack> {
  const database = testDatabaseUrl() === undefined ? undefined : await createTestDatabase();
  const url = database?.url;
  const stack = await startStack({
    database: url === undefined ? { kind: 'pglite' } : { kind: 'postgres', urlFor: () => url },
    host: '127.0.0.1',
    gatewayPort: 0,
    subgraphPorts: Object.fromEntries(AGENCIES.map((a) => [a, 0])) as Record<Agency, number>,
    demo: { scale },
    logLevel: 'silent',
    auth: testAuthConfig,
    // The statements of computing each answer: a kept answer costs the five data-version reads
    // only (tests/response-cache.test.ts).
    responseCacheMb: 0,
  });
  return { scale, stack, database };
}

let small: ScaledStack | undefined;
let large: ScaledStack | undefined;

beforeAll(async () => {
  small = await startScaled(SMALL_SCALE);
  large = await startScaled(LARGE_SCALE);
});

afterAll(async () => {
  for (const s of [small, large]) {
    await s?.stack.stop();
    await s?.database?.close();
  }
  console.log(report());
});

interface Measured {
  statements: number;
  body: any;
}

/** Sends one operation and counts the statements it caused; nothing else runs meanwhile. */
async function measure(scaled: ScaledStack, query: string, token: Agency | undefined, variables?: Record<string, unknown>): Promise<Measured> {
  const authorization: Record<string, string> = token === undefined ? {} : { authorization: `Bearer ${await tokenFor(token)}` };
  const before = sqlStatementCount();
  const response = await fetch(scaled.stack.gatewayUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...authorization },
    body: JSON.stringify({ query, variables }),
  });
  const body = await response.json();
  return { statements: sqlStatementCount() - before, body };
}

const rows: { operation: string; small: number; large: number | undefined; note?: string }[] = [];

function report(): string {
  const lines = [`SQL statements per gateway request (small: scale ${SMALL_SCALE}, large: scale ${LARGE_SCALE})`, '| operation | small | large |', '|---|---:|---:|'];
  for (const r of rows) lines.push(`| ${r.operation}${r.note ? ` (${r.note})` : ''} | ${r.small} | ${r.large ?? '-'} |`);
  return lines.join('\n');
}

/** Runs the operation on both stacks; both must answer without errors and cost the same, few statements. */
async function expectConstant(operation: string, query: string, token: Agency | undefined, variables?: Record<string, unknown>): Promise<[Measured, Measured]> {
  const a = await measure(small!, query, token, variables);
  const b = await measure(large!, query, token, variables);
  rows.push({ operation, small: a.statements, large: b.statements });
  expect(a.body.errors, `${operation} at scale ${SMALL_SCALE}`).toBeUndefined();
  expect(b.body.errors, `${operation} at scale ${LARGE_SCALE}`).toBeUndefined();
  expect(b.statements, `${operation}: statements at scale ${LARGE_SCALE} vs ${SMALL_SCALE}`).toBe(a.statements);
  expect(a.statements, operation).toBeLessThanOrEqual(MAX_STATEMENTS);
  return [a, b];
}

describe('the demo data at the two scales', () => {
  it(`has four times the parcels and samples at scale ${LARGE_SCALE}`, () => {
    const [s, l] = [generateDemoData({ scale: SMALL_SCALE }), generateDemoData({ scale: LARGE_SCALE })];
    expect(l.planning.parcels.length).toBe(4 * s.planning.parcels.length);
    expect(l.planning.parcels.length).toBeGreaterThan(800);
    expect(l.environment.samples.length).toBeGreaterThan(3.5 * s.environment.samples.length);
  });
});

describe('README examples: the same statements at both scales', () => {
  const examples = readmeExamples();
  const isMutation = (query: string) => /^\s*(#.*\n\s*)*mutation\b/.test(query);

  it.each(examples.filter((e) => !isMutation(e.query)).map((e) => [e.line, e] as const))('README line %i', async (line, example) => {
    await expectConstant(`README line ${line}`, example.query, example.token as Agency | undefined);
  });

  // A write's statements follow its batch, not a page: counted for the table, on the small stack,
  // whose demo data holds the enterprise the README's report names.
  it.each(examples.filter((e) => isMutation(e.query)).map((e) => [e.line, e] as const))('README line %i (a mutation: counted, not compared)', async (line, example) => {
    const before = sqlStatementCount();
    const { body } = await runExample(small!.stack.gatewayUrl, example);
    rows.push({ operation: `README line ${line}`, small: sqlStatementCount() - before, large: undefined, note: 'a mutation, small stack only' });
    expect(body.errors).toBeUndefined();
  });
});

// design.md's questions as tests/questions.test.ts asks them.
const QUESTIONS: [string, string, Agency | undefined][] = [
  [
    'question 1: cadmium in protection zones',
    `{ waterSources(first: 100) { edges { node { id
      soilEarlyWarning(analyte: CADMIUM, standard: GB_15618_2018) { exceedingSamples
        exceedances { zoneLevel sample { id sampledOn pH parcel { id landUse } }
          exceeding { analyte mgPerKg screeningMgPerKg ratioToScreening level } } } } } } }`,
    'environment',
  ],
  [
    'question 2: sensitive use changes without survey',
    `{ city { sensitiveUseChangesWithoutSurvey(first: 100) { edges { node { change { id toPlannedUse status proposedOn } parcel { id } surveyInProgress { id } } } } } }`,
    'environment',
  ],
  [
    'question 3: farmland classes and plan targets per district',
    `{ districts(first: 16) { edges { node { code
      farmlandClasses { farmlandClass officialParcels officialAreaHa }
      planIndicators(year: 2020) { baselineYear indicators { indicator valuePct targetPct status } } } } } }`,
    'environment',
  ],
  [
    'question 4: a water source, its zones, samples, geology, land use',
    `{ waterSource(id: "WS-110108-01") { id
      zones { id level parcels { id } landUse { landUse parcels } geology { soilType nearestSurveyPoint { id } } }
      soilEarlyWarning { samplesInZones byZoneLevel { level samples } exceedances { sample { id } zoneLevel exceeding { analyte } } } } }`,
    'environment',
  ],
  [
    'question 5: contaminated sites',
    `{ contaminatedSites(first: 100) { edges { node { id status statusSince listed history { status changedOn }
      restrictions { forbiddenPlannedUses violatedByPlannedUse } assessment { surveyYear riskLevel } } } } }`,
    'environment',
  ],
  [
    'question 6: published status per district',
    `{ city { code monitoringNetwork { pointsByLevel { level points } samples latestSampleYear } soilRisk { parcelsSampled }
      districts { code monitoringNetwork { pointsByLevel { level points } samples } soilRisk { parcelsSampled counts { parcels } } } } }`,
    'environment',
  ],
];

describe("design.md's questions: the same statements at both scales", () => {
  it.each(QUESTIONS)('%s', async (operation, query, token) => {
    await expectConstant(operation, query, token);
  });
});

/*
 * Walks: one query asked for a few and for many rows of a connection, each row with nested
 * fields of other agencies. Compared on the large stack, where the long page is full. A nested
 * list left empty asks nothing further of its subgraph, so the short pages are long enough to
 * reach every nested field: the first six districts hold Haidian's water sources, the first four
 * sources one with exceedances.
 */
const PARCEL_WALK = `query ($first: Int!) { parcels(first: $first) { edges { node { id landUse
  district { name }
  soilSamples(first: 2) { totalCount edges { node { id sampledOn measurements { analyte mgPerKg } } } }
  protectionZones { id level waterSource { name } }
  geology { soilType nearestSurveyPoint { id } }
  officialFarmlandClass { farmlandClass }
  soilAssessment { riskLevel }
  landUseChanges { id }
  monitoringPoints { id }
} } } }`;

const DISTRICT_WALK = `query ($first: Int!) { districts(first: $first) { edges { node { code
  parcels(first: 3) { totalCount edges { node { id soilSamples(first: 1) { edges { node { id } } } } } }
  soilSamples(first: 2) { totalCount edges { node { id } } }
  monitoringPoints(first: 2) { totalCount edges { node { id samples(first: 1) { totalCount edges { node { id } } } } } }
  enterprises(first: 2) { totalCount edges { node { creditCode } } }
  contaminatedSites(first: 2) { totalCount edges { node { id } } }
  waterSources(first: 2) { totalCount edges { node { id } } }
  surveyPoints(first: 2) { totalCount edges { node { id measurements { analyte } } } }
  fertilizerUse(first: 2) { totalCount edges { node { year crop } } }
  pesticideUse(first: 2) { totalCount edges { node { year crop } } }
  monitoringNetwork { samples }
  drinkingWaterEarlyWarning { samplesInZones }
  backgroundValues(analyte: CADMIUM) { meanMgPerKg }
  dominantSoilType
} } } }`;

// Without the zones' geology: geology's nearest-point search widens its radius (5, 20, 25 km) in
// one more statement while an area has no point near, so a page holding a zone far from every
// point costs one or two statements more (bounded, whatever the number of zones). The parcel walk
// and question 4 cover geology.
const WATER_SOURCE_WALK = `query ($first: Int!) { waterSources(first: $first) { edges { node { id
  district { name }
  zones { id parcels { id } landUse { parcels } }
  monitoringPoints { id samples(first: 2) { edges { node { id } } } }
  soilEarlyWarning { samplesInZones exceedances { sample { id parcel { landUse } } } }
} } } }`;

const MONITORING_POINT_WALK = `query ($first: Int!) { monitoringPoints(first: $first) { edges { node { id
  parcel { id landUse }
  waterSource { id name }
  samples(first: 2) { totalCount edges { node { id measurements { analyte } assessment { riskLevel } } } }
} } } }`;

const SITE_WALK = `query ($first: Int!) { contaminatedSites(first: $first) { edges { node { id
  parcel { id plannedUse }
  enterprise { name }
  history { status }
  surveys { stage }
  assessment { riskLevel }
  restrictions { violatedByPlannedUse }
} } } }`;

const WALKS = [
  { operation: 'parcels with samples, measurements, zones, geology, farmland class', query: PARCEL_WALK, few: 10, many: 100 },
  { operation: 'districts with every nested connection', query: DISTRICT_WALK, few: 6, many: 16 },
  { operation: 'water sources with zones, points and early warning', query: WATER_SOURCE_WALK, few: 4, many: 30 },
  { operation: 'monitoring points with samples and assessments', query: MONITORING_POINT_WALK, few: 10, many: 100 },
  { operation: 'contaminated sites with history, surveys, assessment', query: SITE_WALK, few: 3, many: 30 },
];

describe('walks: the same statements for few and for many rows', () => {
  it.each(WALKS)('$operation (first: $few vs $many)', async ({ operation, query, few, many }) => {
    const a = await measure(large!, query, 'environment', { first: few });
    const b = await measure(large!, query, 'environment', { first: many });
    rows.push({ operation: `walk: ${operation}`, small: a.statements, large: b.statements, note: `first: ${few} vs ${many}, scale ${LARGE_SCALE}` });
    expect(a.body.errors).toBeUndefined();
    expect(b.body.errors).toBeUndefined();
    const edges = (m: Measured) => (Object.values(m.body.data)[0] as { edges: unknown[] }).edges.length;
    expect(edges(a)).toBe(few);
    expect(edges(b)).toBe(many);
    expect(b.statements, operation).toBe(a.statements);
    expect(a.statements, operation).toBeLessThanOrEqual(MAX_STATEMENTS);
  });
});
