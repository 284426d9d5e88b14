import { auditLogTable } from '../audit.ts';
import { agriculture } from './schema.ts';

/** Agriculture's append-only, hash-chained audit log (db/src/audit.ts). */
export const auditLog = auditLogTable(agriculture);
