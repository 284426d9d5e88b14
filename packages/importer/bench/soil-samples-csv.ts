import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { SOIL_SAMPLE_CSV_COLUMNS } from '@soilgraph/environment/imports';

// `tsx packages/importer/bench/soil-samples-csv.ts <file> [measurement lines]`: writes a synthetic
// soil-sample import file (10 measurements per sample) for measuring `pnpm run import`.
const [file = 'soil-samples.csv', linesArg = '1000000'] = process.argv.slice(2);
const lines = Number(linesArg);
const ANALYTES = ['CADMIUM', 'MERCURY', 'ARSENIC', 'LEAD', 'CHROMIUM', 'COPPER', 'NICKEL', 'ZINC', 'BENZO_A_PYRENE', 'PETROLEUM_HYDROCARBONS_C10_C40'];
const out = createWriteStream(file);
const write = async (text: string) => {
  if (!out.write(text)) await once(out, 'drain');
};
await write(`${SOIL_SAMPLE_CSV_COLUMNS.join(',')}\n`);
for (let i = 0; i < lines; i++) {
  const sample = Math.floor(i / ANALYTES.length);
  const analyte = ANALYTES[i % ANALYTES.length];
  const lon = (116.1 + (sample % 1000) * 0.0005).toFixed(5);
  const lat = (39.7 + Math.floor(sample / 1000) * 0.0005).toFixed(5);
  await write(`bench-${sample},,,110108,2024-06-01,0,20,7.3,HJ 962-2018,Bench lab (synthetic),${lon},${lat},${analyte},${(1 + (i % 97) / 10).toFixed(2)},false,,HJ 491-2019,2024-06-20,VALID\n`);
}
out.end();
await once(out, 'finish');
console.log(`wrote ${lines} measurement lines (${Math.ceil(lines / ANALYTES.length)} samples) to ${file}`);
