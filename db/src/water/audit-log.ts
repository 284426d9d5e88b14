import { auditLogTable } from '../audit.ts';
import { water } from './schema.ts';

/** Water's append-only, hash-chained audit log (db/src/audit.ts). */
export const auditLog = auditLogTable(water);
