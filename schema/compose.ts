import { writeFileSync } from 'node:fs';
import { composeSupergraph, supergraphFile } from './src/index.ts';

// `pnpm compose`: writes schema/supergraph.graphql from the five subgraph schemas.
writeFileSync(supergraphFile, composeSupergraph());
console.log(`wrote ${supergraphFile.pathname}`);
