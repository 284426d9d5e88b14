import { auditLogTable } from '../audit.ts';
import { environment } from './schema.ts';

/** Environment's append-only, hash-chained audit log (db/src/audit.ts). */
export const auditLog = auditLogTable(environment);
