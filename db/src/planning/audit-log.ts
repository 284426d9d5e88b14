import { auditLogTable } from '../audit.ts';
import { planning } from './schema.ts';

/** Planning's append-only, hash-chained audit log (db/src/audit.ts). */
export const auditLog = auditLogTable(planning);
