import { writeFileSync } from 'node:fs';
import { atRiskShare, colourOf, FARMLAND_CLASSES, RISK_LEVELS, STANDARDS } from '@soilgraph/dashboard/labels';
import { tokenFor } from '@soilgraph/testkit';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ARTIFACTS_DIR, launchChromium } from './support/browser.ts';
import { demo, gateway } from './support/gateway.ts';

// The reference dashboard (packages/dashboard) in Debian's Chromium, served as pnpm start serves
// it, in front of the shared stack's gateway. What it shows is checked against what the gateway
// answers for the same question, so the numbers are those of the seeded demo data.

const RISK = 'parcelsSampled counts { standard riskLevel parcels }';
const CLASSES = 'farmlandClasses { farmlandClass officialAreaHa officialParcels suggestedAreaHa suggestedParcels }';

interface RiskSummary {
  parcelsSampled: number;
  counts: { standard: keyof typeof STANDARDS; riskLevel: keyof typeof RISK_LEVELS | null; parcels: number }[];
}
interface ClassArea {
  farmlandClass: keyof typeof FARMLAND_CLASSES;
  officialAreaHa: number;
  officialParcels: number;
  suggestedAreaHa: number;
  suggestedParcels: number;
}

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

async function open(): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text());
  });
  (page as Page & { problems: string[] }).problems = problems;
  await page.goto(inject('dashboardUrl'));
  return page;
}
const problemsOf = (page: Page) => (page as Page & { problems: string[] }).problems;

/** The cells of a chart's data table, row by row. */
async function chartTable(page: Page, chart: string): Promise<string[][]> {
  return page.locator(`[data-chart="${chart}"] table tbody tr`).evaluateAll((rows) => rows.map((row) => [...row.querySelectorAll('td')].map((td) => td.textContent ?? '')));
}

/** The texts the chart itself draws (its SVG labels). */
async function chartTexts(page: Page, chart: string): Promise<string[]> {
  return page.locator(`[data-chart="${chart}"] svg text`).allTextContents();
}

const riskRows = (summary: RiskSummary) =>
  summary.counts.map((c) => [STANDARDS[c.standard], c.riskLevel === null ? 'not assessable' : RISK_LEVELS[c.riskLevel], String(c.parcels)]);
const classRows = (classes: ClassArea[]) =>
  classes.map((c) => [FARMLAND_CLASSES[c.farmlandClass], String(c.officialAreaHa), String(c.officialParcels), String(c.suggestedAreaHa), String(c.suggestedParcels)]);

async function signIn(page: Page, token: string): Promise<void> {
  await page.getByLabel('token').fill(token);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

describe('the dashboard, anonymous: the published view', () => {
  it('draws the 16 districts, each coloured by the share of its sampled parcels at risk, and the city figures', async () => {
    const answer = await gateway<{ city: { soilRisk: RiskSummary; districts: { code: string; soilRisk: RiskSummary }[] } & { farmlandClasses: ClassArea[] } }>(
      `{ city { soilRisk { ${RISK} } ${CLASSES} districts { code soilRisk { ${RISK} } } } }`,
      undefined,
      { as: 'anonymous' },
    );
    expect(answer.errors).toBeUndefined();
    const city = answer.data!.city;

    const page = await open();
    await page.locator('h2[data-area="110000"]').waitFor();
    const districts = page.locator('path.district');
    expect(await districts.count()).toBe(16);
    const fills = Object.fromEntries(await districts.evaluateAll((paths) => paths.map((p) => [p.getAttribute('data-district'), p.getAttribute('fill')])));
    const expected = Object.fromEntries(city.districts.map((d) => [d.code, colourOf(atRiskShare(d.soilRisk))]));
    expect(fills).toEqual(expected);
    // The districts differ, so the colours say something.
    expect(new Set(Object.values(fills)).size).toBeGreaterThan(1);

    expect(await chartTable(page, 'soil-risk')).toEqual(riskRows(city.soilRisk));
    const drawn = await chartTexts(page, 'soil-risk');
    for (const count of city.soilRisk.counts) expect(drawn).toContain(String(count.parcels));
    expect(await chartTable(page, 'farmland-classes')).toEqual(classRows(city.farmlandClasses));
    expect(await page.locator('[data-chart="plan-indicators"] svg').count()).toBe(1);

    // The README's picture of the dashboard (docs/images/dashboard.png) is this page.
    writeFileSync(new URL('../docs/images/dashboard.png', import.meta.url), await page.screenshot());
    expect(problemsOf(page)).toEqual([]);
    await page.close();
  });

  it('drills down to a district on a click, with its figures; samples and sites need a sign-in', async () => {
    const code = '110112';
    const answer = await gateway<{ district: { name: string; soilRisk: RiskSummary; farmlandClasses: ClassArea[] } }>(
      `query($code: ID!) { district(code: $code) { name soilRisk { ${RISK} } ${CLASSES} } }`,
      { code },
      { as: 'anonymous' },
    );
    const district = answer.data!.district;

    const page = await open();
    await page.locator('h2[data-area="110000"]').waitFor();
    await page.locator(`path.district-${code}`).click();
    await page.locator(`h2[data-area="${code}"]`).waitFor();
    expect(await page.locator(`path.district-${code}`).getAttribute('class')).toContain('selected');
    expect(await page.locator('h2').textContent()).toContain(district.name);
    expect(await chartTable(page, 'soil-risk')).toEqual(riskRows(district.soilRisk));
    const drawn = await chartTexts(page, 'soil-risk');
    for (const count of district.soilRisk.counts) expect(drawn).toContain(String(count.parcels));
    expect(await chartTable(page, 'farmland-classes')).toEqual(classRows(district.farmlandClasses));
    expect(await page.locator('[data-panel="sign-in-hint"]').isVisible()).toBe(true);
    expect(await page.locator('[data-panel="samples"]').count()).toBe(0);
    await page.screenshot({ path: new URL('dashboard-district.png', ARTIFACTS_DIR).pathname, fullPage: true });
    expect(problemsOf(page)).toEqual([]);
    await page.close();
  });
});

describe('the dashboard, signed in', () => {
  // A district with a water source and a contaminated site in the demo data.
  const source = demo.water.sources.find((s) => demo.environment.contaminatedSites.some((site) => site.districtCode === s.districtCode))!;
  const code = source.districtCode;

  it("shows an agency the district's samples, water sources and sites; the intake location only to water (water:read)", async () => {
    const query = `query($code: ID!) { district(code: $code) {
      soilSamples(first: 1, filter: { analyte: CADMIUM }) { totalCount }
      contaminatedSites(first: 50) { totalCount edges { node { id } } }
      waterSources(first: 50) { edges { node { id location } } }
    } }`;
    const asWater = await gateway<{ district: any }>(query, { code }, { as: 'water' });
    expect(asWater.errors).toBeUndefined();
    const location = asWater.data!.district.waterSources.edges.find((e: any) => e.node.id === source.id).node.location as { coordinates: [number, number] };
    const intake = `${location.coordinates[1].toFixed(4)}° N, ${location.coordinates[0].toFixed(4)}° E`;

    const page = await open();
    await page.locator('h2[data-area="110000"]').waitFor();
    await signIn(page, await tokenFor('planning'));
    expect(await page.locator('[data-signed-in="planning"]').textContent()).toContain('planning');
    await page.locator(`path.district-${code}`).dispatchEvent('click');
    const row = page.locator(`[data-panel="water-sources"] tr[data-source="${source.id}"]`);
    await row.waitFor();
    // Planning reads the shared data but not water's restricted field.
    expect(await row.locator('td.intake').textContent()).toBe('restricted');
    expect(await row.textContent()).not.toContain(intake);
    await page.locator('[data-chart="samples"]').waitFor();
    expect(await page.locator('[data-chart="samples"] figcaption').textContent()).toContain(`of ${asWater.data!.district.soilSamples.totalCount} samples with cadmium`);
    const sites = asWater.data!.district.contaminatedSites.edges.map((e: any) => e.node.id);
    expect(await page.locator('[data-panel="contaminated-sites"] tr[data-site]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-site')))).toEqual(sites);
    await page.screenshot({ path: new URL('dashboard-planning.png', ARTIFACTS_DIR).pathname, fullPage: true });

    await page.getByRole('button', { name: 'Sign out' }).click();
    await signIn(page, await tokenFor('water'));
    await page.locator('[data-signed-in="water"]').waitFor();
    await page.locator(`[data-panel="water-sources"] tr[data-source="${source.id}"] td.intake:not(:has(.restricted))`).waitFor();
    expect(await row.locator('td.intake').textContent()).toBe(intake);
    await page.screenshot({ path: new URL('dashboard-water.png', ARTIFACTS_DIR).pathname, fullPage: true });
    expect(problemsOf(page)).toEqual([]);
    await page.close();
  });

  it('signs out with the reason when the gateway refuses the token, and stays on the published view', async () => {
    const page = await open();
    await page.locator('h2[data-area="110000"]').waitFor();
    // A token the gateway did not sign: its claims read well, its signature does not verify.
    const [header, payload] = (await tokenFor('water')).split('.');
    await signIn(page, `${header}.${payload}.${'A'.repeat(43)}`);
    await page.getByRole('alert').filter({ hasText: 'the gateway refused the token' }).waitFor();
    expect(await page.locator('[data-signed-in]').count()).toBe(0);
    await page.locator('h2[data-area="110000"]').waitFor();
    await page.close();
  });
});
