import { describe, expect, it } from 'vitest';
import { composeSupergraph, readSupergraph } from '../src/index.ts';

describe('the checked-in supergraph', () => {
  it('equals a fresh composition of the five subgraph schemas (run `pnpm compose` when it does not)', () => {
    expect(readSupergraph()).toBe(composeSupergraph());
  });

  it('carries no federation authorization directives, which @apollo/gateway refuses to load', () => {
    expect(readSupergraph()).not.toMatch(/@(authenticated|requiresScopes|policy)\b/);
  });
});
