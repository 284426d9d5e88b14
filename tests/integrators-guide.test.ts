import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { gateway } from './support/gateway.ts';
import { readmeExamples } from './support/readme.ts';
import type { Agency } from '@soilgraph/db';

// docs/integrators.md: every ```graphql example runs against the demo data with the token its
// first line names (none: anonymous), without errors, and shows data (no null field, no empty list).

const guide = path.resolve(import.meta.dirname, '../docs/integrators.md');
const examples = readmeExamples(readFileSync(guide, 'utf8'));

/** True when any list in the answer came back empty. */
function hasEmptyList(value: unknown): boolean {
  if (Array.isArray(value)) return value.length === 0 || value.some(hasEmptyList);
  if (typeof value === 'object' && value !== null) return Object.values(value).some(hasEmptyList);
  return false;
}

describe('docs/integrators.md examples', () => {
  it('has an example for each agency and one without a token', () => {
    const tokens = new Set(examples.map((e) => e.token ?? 'anonymous'));
    for (const who of ['planning', 'environment', 'agriculture', 'water', 'geology', 'anonymous']) expect(tokens, who).toContain(who);
  });

  it.each(examples.map((e) => [e.line, e.token ?? 'anonymous', e]))('the query at line %i runs as %s without errors and returns data', async (_line, who, example) => {
    const { status, data, errors } = await gateway(example.query, undefined, { as: who as Agency | 'anonymous' });
    expect(errors).toBeUndefined();
    expect(status).toBe(200);
    expect(data).toBeTruthy();
    for (const [field, value] of Object.entries(data!)) {
      expect(value, `${field} is not null`).not.toBeNull();
      expect(hasEmptyList(value), `${field} holds no empty list`).toBe(false);
    }
  });
});
