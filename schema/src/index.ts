import { readFileSync } from 'node:fs';
import { composeServices } from '@apollo/composition';
import { publishedCoordinates } from '@soilgraph/auth';
import { parse } from 'graphql';

/** The five agencies' subgraphs in composition order, with the URL each listens on by default. */
export const SUBGRAPHS = [
  { name: 'planning', port: 4001 },
  { name: 'environment', port: 4002 },
  { name: 'agriculture', port: 4003 },
  { name: 'water', port: 4004 },
  { name: 'geology', port: 4005 },
] as const;

export const supergraphFile = new URL('../supergraph.graphql', import.meta.url);
/** What anonymous callers may read: the coordinates the subgraphs mark @access(published: true). */
export const publishedFile = new URL('../published.json', import.meta.url);

function schemaFile(name: string): URL {
  return new URL(`../../subgraphs/${name}/schema.graphql`, import.meta.url);
}

/** Composes subgraphs/*\/schema.graphql with @apollo/composition; throws with every composition error. */
export function composeSupergraph(): string {
  return composeWithHints().supergraphSdl;
}

/** The composed supergraph and composition's hints (things that compose but look unintended). */
export function composeWithHints(): { supergraphSdl: string; hints: string[] } {
  const result = composeServices(
    SUBGRAPHS.map(({ name, port }) => ({
      name,
      url: `http://localhost:${port}/graphql`,
      typeDefs: parse(readFileSync(schemaFile(name), 'utf8')),
    })),
  );
  if (result.errors) {
    throw new Error(`composition failed:\n${result.errors.map((e) => `  - ${e.message}`).join('\n')}`);
  }
  return { supergraphSdl: `${result.supergraphSdl.trimEnd()}\n`, hints: result.hints.map((h) => h.toString()) };
}

/**
 * The published coordinates of all five subgraphs ("Type" or "Type.field"), sorted. @access is
 * not composed into the supergraph, so `pnpm compose` writes them beside it for the gateway.
 */
export function collectPublished(): string[] {
  const all = SUBGRAPHS.flatMap(({ name }) => publishedCoordinates(parse(readFileSync(schemaFile(name), 'utf8'))));
  return [...new Set(all)].sort();
}

export function readPublished(): string[] {
  return JSON.parse(readFileSync(publishedFile, 'utf8')) as string[];
}

export function readSupergraph(): string {
  return readFileSync(supergraphFile, 'utf8');
}
