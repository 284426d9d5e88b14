import { dataVersionTable } from '../versions.ts';
import { planning } from './schema.ts';

/** Planning's data version (db/src/versions.ts). */
export const dataVersion = dataVersionTable(planning);
