import { dataVersionTable } from '../versions.ts';
import { geology } from './schema.ts';

/** Geology's data version (db/src/versions.ts). */
export const dataVersion = dataVersionTable(geology);
