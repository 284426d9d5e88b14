import type { Agency } from './agencies.ts';
import type { AuditLogTable } from './audit.ts';
import { auditLog as agriculture } from './agriculture/audit-log.ts';
import { auditLog as environment } from './environment/audit-log.ts';
import { auditLog as geology } from './geology/audit-log.ts';
import { auditLog as planning } from './planning/audit-log.ts';
import { auditLog as water } from './water/audit-log.ts';

/** Each agency's audit log table. */
export const AUDIT_LOGS: Readonly<Record<Agency, AuditLogTable>> = { planning, environment, agriculture, water, geology };
