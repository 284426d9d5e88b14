import { dataVersionTable } from '../versions.ts';
import { water } from './schema.ts';

/** Water's data version (db/src/versions.ts). */
export const dataVersion = dataVersionTable(water);
