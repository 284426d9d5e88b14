import { writeFileSync } from 'node:fs';
import { composeWithHints, supergraphFile } from './src/index.ts';

// `pnpm compose`: writes schema/supergraph.graphql from the five subgraph schemas.
const { supergraphSdl, hints } = composeWithHints();
for (const hint of hints) console.warn(`hint: ${hint}`);
writeFileSync(supergraphFile, supergraphSdl);
console.log(`wrote ${supergraphFile.pathname}`);
