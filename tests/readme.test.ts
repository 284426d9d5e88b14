import { describe, expect, it } from 'vitest';
import { gateway } from './support/gateway.ts';
import { readmeExamples } from './support/readme.ts';
import type { Agency } from '@soilgraph/db';

/**
 * Lists an example may show empty, because empty is the answer worth showing there; every other
 * list must hold something, so that no example shows silently missing data.
 */
const MAY_BE_EMPTY: Readonly<Record<string, string>> = {
  exceedances: 'the early-warning example lists every water source, including those without an exceedance',
  forbiddenPlannedUses: "the negative list's construction ban restricts building works, not a planned use",
};

/** True when any list in the answer came back empty (other than the fields above). */
function hasEmptyList(value: unknown, field = ''): boolean {
  if (Array.isArray(value)) return (value.length === 0 && !(field in MAY_BE_EMPTY)) || value.some((v) => hasEmptyList(v, field));
  if (typeof value === 'object' && value !== null) return Object.entries(value).some(([key, v]) => hasEmptyList(v, key));
  return false;
}

const examples = readmeExamples();

describe('README examples', () => {
  it('has example queries, each followed by its output', () => {
    expect(examples.length).toBeGreaterThanOrEqual(3);
    for (const example of examples) expect(example.output, `README line ${example.line}`).toBeDefined();
  });

  it.each(examples.map((e) => [e.line, e]))('the query at README line %i runs without errors and returns the output shown', async (_line, example) => {
    const { data, errors } = await gateway(example.query, undefined, { as: (example.token as Agency | undefined) ?? 'anonymous' });
    expect(errors).toBeUndefined();
    expect(data).toBeTruthy();
    for (const [field, value] of Object.entries(data!)) {
      expect(value, `${field} is not null`).not.toBeNull();
      expect(hasEmptyList(value), `${field} holds no empty list`).toBe(false);
    }
    expect(data).toEqual(JSON.parse(example.output!.text).data);
  });
});
