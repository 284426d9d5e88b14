import { auditLogTable } from '../audit.ts';
import { geology } from './schema.ts';

/** Geology's append-only, hash-chained audit log (db/src/audit.ts). */
export const auditLog = auditLogTable(geology);
