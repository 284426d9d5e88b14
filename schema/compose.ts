import { writeFileSync } from 'node:fs';
import { collectPublished, composeWithHints, publishedFile, supergraphFile } from './src/index.ts';

// `pnpm compose`: writes schema/supergraph.graphql from the five subgraph schemas, and
// schema/published.json, what anonymous callers may read (@access is not composed).
const { supergraphSdl, hints } = composeWithHints();
for (const hint of hints) console.warn(`hint: ${hint}`);
writeFileSync(supergraphFile, supergraphSdl);
console.log(`wrote ${supergraphFile.pathname}`);
writeFileSync(publishedFile, `${JSON.stringify(collectPublished(), null, 2)}\n`);
console.log(`wrote ${publishedFile.pathname}`);
