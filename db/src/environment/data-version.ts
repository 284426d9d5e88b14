import { dataVersionTable } from '../versions.ts';
import { environment } from './schema.ts';

/** Environment's data version (db/src/versions.ts). */
export const dataVersion = dataVersionTable(environment);
