import { describe, expect, it } from 'vitest';
import { collectPublished, composeSupergraph, composeWithHints, readPublished, readSupergraph } from '../src/index.ts';

describe('the checked-in supergraph', () => {
  it('equals a fresh composition of the five subgraph schemas (run `pnpm compose` when it does not)', () => {
    expect(readSupergraph()).toBe(composeSupergraph());
  });

  it('is accompanied by published.json as the subgraphs declare it (run `pnpm compose` when it is not)', () => {
    expect(readPublished()).toEqual(collectPublished());
  });

  it('composes without hints: shared types and descriptions agree across the subgraphs', () => {
    expect(composeWithHints().hints).toEqual([]);
  });

  it('carries no federation authorization directives, which @apollo/gateway refuses to load', () => {
    expect(readSupergraph()).not.toMatch(/@(authenticated|requiresScopes|policy)\b/);
  });
});
