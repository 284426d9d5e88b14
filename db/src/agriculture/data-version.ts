import { dataVersionTable } from '../versions.ts';
import { agriculture } from './schema.ts';

/** Agriculture's data version (db/src/versions.ts). */
export const dataVersion = dataVersionTable(agriculture);
