import { describe, expect, it } from 'vitest';
import { gateway } from './support/gateway.ts';
import { readmeExamples } from './support/readme.ts';

/** True when any list in the answer came back empty. */
function hasEmptyList(value: unknown): boolean {
  if (Array.isArray(value)) return value.length === 0 || value.some(hasEmptyList);
  if (typeof value === 'object' && value !== null) return Object.values(value).some(hasEmptyList);
  return false;
}

const examples = readmeExamples();

describe('README examples', () => {
  it('has example queries, each followed by its output', () => {
    expect(examples.length).toBeGreaterThanOrEqual(3);
    for (const example of examples) expect(example.output, `README line ${example.line}`).toBeDefined();
  });

  it.each(examples.map((e) => [e.line, e]))('the query at README line %i runs without errors and returns the output shown', async (_line, example) => {
    const { data, errors } = await gateway(example.query);
    expect(errors).toBeUndefined();
    expect(data).toBeTruthy();
    for (const [field, value] of Object.entries(data!)) {
      expect(value, `${field} is not null`).not.toBeNull();
      expect(hasEmptyList(value), `${field} holds no empty list`).toBe(false);
    }
    expect(data).toEqual(JSON.parse(example.output!.text).data);
  });
});
