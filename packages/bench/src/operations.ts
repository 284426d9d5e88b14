import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Agency } from '@soilgraph/db';
import { repositoryRoot } from './options.ts';

/** One operation of the mix: what a client sends, with whose token. */
export interface Operation {
  /** Short name for the tables. */
  name: string;
  /** Where it comes from, for the report. */
  about: string;
  /** The agency whose token it carries; undefined: anonymous (the published figures). */
  token: Agency | undefined;
  /** Request bodies (JSON); the load generator cycles through them, so a list walks its pages. */
  bodies: string[];
}

const body = (query: string, variables?: Record<string, unknown>) => JSON.stringify(variables === undefined ? { query } : { query, variables });

/** The ```graphql blocks of the README with their `# token:` line (as tests/support/readme.ts reads them). */
export function readmeOperations(markdown = readFileSync(path.join(repositoryRoot, 'README.md'), 'utf8')): Operation[] {
  const operations: Operation[] = [];
  for (const match of markdown.matchAll(/```graphql\n([\s\S]*?)```/g)) {
    const query = match[1]!;
    const line = markdown.slice(0, match.index).split('\n').length;
    const code = query.replace(/^\s*#.*$/gm, '').trim();
    // The benchmark reads: a mutation would write the same rows again and again.
    if (/^mutation\b/.test(code)) continue;
    // Named by its first root field as written, e.g. `parcel(id: "110112-P0003")`; arguments that
    // run over several lines are shortened to `(…)`.
    let root = /^\{\s*([^{\n]*?)\s*\{/.exec(code)?.[1] ?? code.slice(0, 40);
    if (root.includes('(') && !root.includes(')')) root = `${root.slice(0, root.indexOf('('))}(…)`;
    operations.push({
      name: `README ${root.replace(/\s+/g, ' ')}`,
      about: `README.md line ${line}`,
      token: /^# token: (\w+)/.exec(query)?.[1] as Agency | undefined,
      bodies: [body(query)],
    });
  }
  return operations;
}

const DISTRICT_DASHBOARD = `query DistrictDashboard($code: ID!) {
  district(code: $code) {
    name
    soilRisk { parcelsSampled counts { standard riskLevel parcels } }
    monitoringNetwork { pointsByLevel { level points } samples latestSampleYear }
    drinkingWaterEarlyWarning { waterSources waterSourcesWithExceedances samplesInZones exceedingSamples }
    farmlandClasses { farmlandClass officialParcels officialAreaHa suggestedParcels }
    planIndicators(year: 2020) { indicators { indicator valuePct targetPct status } }
    contaminatedSites(first: 5) { edges { node { id name status statusSince } } }
    dominantSoilType
  }
}`;

const PARCEL_PAGE = `query ParcelPage($after: String) {
  parcels(first: 50, after: $after) {
    edges { node { id name landUse landUseName plannedUse areaHa district { name } } }
    pageInfo { endCursor hasNextPage }
  }
}`;

const SAMPLE_PAGE = `query DistrictSamples($district: ID!) {
  soilSamples(first: 50, filter: { districtCode: $district, sampled: { from: "2022-01-01" } }) {
    edges { node { id sampledOn pH measurements { analyte mgPerKg belowDetectionLimit } } }
    pageInfo { endCursor hasNextPage }
  }
}`;

/** A parcel list page's query that only walks: the cursors the parcel-list operation starts from. */
export const PARCEL_CURSOR_WALK = `query Walk($after: String) { parcels(first: 100, after: $after) { pageInfo { endCursor hasNextPage } } }`;

/**
 * The fixed mix: the README's questions as written, then a district dashboard (each district in
 * turn), a page of the parcel list after cursors spread over the whole list (keyset `after`), and a
 * district's recent soil samples with their measurements. `assessSoil` is the README's own example.
 */
export function operationMix(districtCodes: readonly string[], parcelCursors: readonly (string | null)[]): Operation[] {
  return [
    ...readmeOperations(),
    {
      name: 'district dashboard',
      about: `every district in turn: soil risk, monitoring network, drinking-water warning, farmland classes, plan indicators, contaminated sites, soil type`,
      token: 'agriculture',
      bodies: districtCodes.map((code) => body(DISTRICT_DASHBOARD, { code })),
    },
    {
      name: 'parcel list page (50, keyset after)',
      about: `the first page and pages after ${parcelCursors.length - 1} cursors spread over the whole list`,
      token: 'planning',
      bodies: parcelCursors.map((after) => body(PARCEL_PAGE, { after })),
    },
    {
      name: 'district soil samples page (50, with measurements)',
      about: 'every district in turn: its samples since 2022 with their measurements',
      token: 'environment',
      bodies: districtCodes.map((district) => body(SAMPLE_PAGE, { district })),
    },
  ];
}
