import { readFileSync } from 'node:fs';
import type { Analyte } from '@soilgraph/domain';
import { describe, expect, it } from 'vitest';
import { PH_BANDS, TABLE_1, TABLE_2, TABLE_3 } from '../../src/assessment/gb-15618-2018.ts';
import { GB_36600_ROWS } from '../../src/assessment/gb-36600-2018.ts';

/**
 * The reviewed threshold data equals the tables of packages/domain/domain.md (the reviewed copy
 * of the domain facts that ships with the repository) row by row: same rows, same order, same
 * values, none extra and none missing.
 */
const DOMAIN = readFileSync(new URL('../../../../packages/domain/domain.md', import.meta.url), 'utf8');

/** The text of one "## " section, heading excluded. */
function section(heading: string): string {
  const start = DOMAIN.indexOf(`\n## ${heading}`);
  if (start === -1) throw new Error(`domain.md has no section "${heading}"`);
  const body = DOMAIN.slice(DOMAIN.indexOf('\n', start + 1) + 1);
  const end = body.indexOf('\n## ');
  return end === -1 ? body : body.slice(0, end);
}

/** The markdown tables of a section: each its header cells and its data rows' cells. */
function tables(text: string): { header: string[]; rows: string[][] }[] {
  const found: { header: string[]; rows: string[][] }[] = [];
  let lines: string[] = [];
  for (const line of [...text.split('\n'), '']) {
    if (line.trimStart().startsWith('|')) {
      lines.push(line);
      continue;
    }
    if (lines.length > 0) {
      const [header, separator, ...rows] = lines.map((l) => l.trim().replace(/^\||\|$/g, '').split('|').map((c) => c.trim()));
      expect(separator?.every((c) => /^-+$/.test(c))).toBe(true);
      found.push({ header: header!, rows });
      lines = [];
    }
  }
  return found;
}

function table(text: string, header: string): string[][] {
  const matching = tables(text).filter((t) => t.header.join(' | ') === header);
  expect(matching, `exactly one table headed "${header}"`).toHaveLength(1);
  return matching[0]!.rows;
}

/** A number as domain.md writes it ("0.10", "3.0", "826"). */
function num(cell: string): number {
  expect(cell).toMatch(/^\d+(\.\d+)?$/);
  return Number(cell);
}

// domain.md's names of the items, mapped to the Analyte enum by hand (the brief's mapping).
const GB_15618_ITEMS: Record<string, Analyte> = {
  Cd: 'CADMIUM',
  Hg: 'MERCURY',
  As: 'ARSENIC',
  Pb: 'LEAD',
  Cr: 'CHROMIUM',
  Cu: 'COPPER',
  Ni: 'NICKEL',
  Zn: 'ZINC',
  'HCH total': 'HCH',
  'DDT total': 'DDT',
  'benzo[a]pyrene': 'BENZO_A_PYRENE',
};
const GB_36600_ITEMS: Record<string, Analyte> = {
  As: 'ARSENIC',
  Cd: 'CADMIUM',
  'Cr(VI)': 'CHROMIUM_VI',
  Cu: 'COPPER',
  Pb: 'LEAD',
  Hg: 'MERCURY',
  Ni: 'NICKEL',
  benzene: 'BENZENE',
  trichloroethylene: 'TRICHLOROETHYLENE',
  tetrachloroethylene: 'TETRACHLOROETHYLENE',
  'vinyl chloride': 'VINYL_CHLORIDE',
  naphthalene: 'NAPHTHALENE',
  'benzo[a]pyrene': 'BENZO_A_PYRENE',
  'petroleum hydrocarbons C10-C40': 'PETROLEUM_HYDROCARBONS_C10_C40',
};

function item(items: Record<string, Analyte>, name: string): Analyte {
  const analyte = items[name];
  if (analyte === undefined) throw new Error(`domain.md names an item "${name}" the test does not map to an analyte`);
  return analyte;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe('GB 15618-2018 data equals domain.md', () => {
  const text = section('GB 15618-2018');

  it('has the pH bands domain.md states, bounds matching their labels', () => {
    const line = /^pH bands: (.+)\.$/m.exec(text)?.[1];
    expect(line).toBeDefined();
    const stated = line!.split('; ').map((part) => {
      const [, band, label] = /^([A-D]) (.+)$/.exec(part)!;
      const bounds = /^(?:(\d+(?:\.\d+)?) < )?pH (<=|>) (\d+(?:\.\d+)?)$/.exec(label!)!;
      const lower = bounds[1] === undefined ? null : Number(bounds[1]);
      return bounds[2] === '<=' ? { band, above: lower, atMost: Number(bounds[3]), label } : { band, above: Number(bounds[3]), atMost: null, label };
    });
    expect(PH_BANDS).toEqual(stated);
  });

  it('has exactly the rows of Table 1 (risk screening values)', () => {
    const rows = table(text, 'analyte | land | A | B | C | D');
    expect(rows.length).toBeGreaterThan(0);
    const expected = rows.map(([symbol, land, a, b, c, d]) => ({
      analyte: item(GB_15618_ITEMS, symbol!),
      symbol,
      land,
      screening: [num(a!), num(b!), num(c!), num(d!)],
      source: `GB 15618-2018 Table 1, ${symbol}, ${land}`,
    }));
    expect(TABLE_1).toEqual(expected);
  });

  it('has exactly the items of Table 2 (other items, any pH)', () => {
    const paragraph = /Other items \(Table 2, any pH\):([\s\S]+?)\n\n/.exec(text)?.[1];
    expect(paragraph).toBeDefined();
    const expected = paragraph!
      .replace(/\s+/g, ' ')
      .trim()
      .replace(/\.$/, '')
      .split('; ')
      .map((part) => {
        const [, symbol, value] = /^(.+?)(?: \([^)]*\))? (\d+(?:\.\d+)?)$/.exec(part)!;
        return { analyte: item(GB_15618_ITEMS, symbol!), symbol, screening: num(value!), source: `GB 15618-2018 Table 2, ${symbol}` };
      });
    expect(expected).toHaveLength(3);
    expect(TABLE_2).toEqual(expected);
  });

  it('has exactly the rows of Table 3 (risk control values, only five items)', () => {
    const rows = table(text, 'analyte | A | B | C | D');
    const expected = rows.map(([symbol, a, b, c, d]) => ({
      analyte: item(GB_15618_ITEMS, symbol!),
      symbol,
      control: [num(a!), num(b!), num(c!), num(d!)],
      source: `GB 15618-2018 Table 3, ${symbol}`,
    }));
    expect(expected.map((r) => r.symbol)).toEqual(['Cd', 'Hg', 'As', 'Pb', 'Cr']);
    expect(TABLE_3).toEqual(expected);
  });
});

describe('GB 36600-2018 data equals domain.md', () => {
  const rows = table(section('GB 36600-2018'), 'analyte | screening C1 | screening C2 | intervention C1 | intervention C2');

  it('has exactly the rows of the screening / intervention table', () => {
    expect(rows).toHaveLength(14);
    const expected = rows.map(([symbol, s1, s2, i1, i2]) => ({
      analyte: item(GB_36600_ITEMS, symbol!),
      symbol,
      screening: [num(s1!), num(s2!)],
      intervention: [num(i1!), num(i2!)],
    }));
    expect(GB_36600_ROWS.map(({ source: _, ...row }) => row)).toEqual(expected);
  });

  it('names the standard, a table and the row in every source', () => {
    // domain.md gives one combined table; the standard splits it into Table 1 (basic items) and Table 2 (other items).
    for (const row of GB_36600_ROWS) expect(row.source).toMatch(new RegExp(`^GB 36600-2018 Table [12], ${escape(row.symbol)}$`));
  });
});
