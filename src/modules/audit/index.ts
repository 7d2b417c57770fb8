/**
 * Audit: the append-only trail of who did what, on whose behalf, when and from
 * where — sign-ins, role changes, mandate changes and reads of personal data.
 * Serves every principle that touches personal data (P9, P11, P15).
 *
 * Exposes the AuditService (record within the caller's transaction, list), the
 * chain check behind `npm run audit:verify`, and its migrations. Rows can be
 * neither changed nor deleted (a trigger refuses), and the trail is hash-chained:
 * a change made around the trigger breaks the chain at that entry.
 */
import { fileURLToPath } from 'node:url';
import type { FastifyRequest } from 'fastify';
import { narrow, type RootDb } from '../../platform/db/database.js';
import type { MigrationSource } from '../../platform/db/migrate.js';
import type { Principal } from '../../platform/http/auth.js';
import { createAuditService, type AuditEntry, type AuditService, type AuditTables } from './audit.service.js';
import { verifyChain, type ChainReport } from './chain.service.js';

export type { AuditEntry, AuditRecord, AuditQuery, AuditService } from './audit.service.js';
export type { ChainBreak, ChainReport } from './chain.service.js';

export const auditMigrations: MigrationSource = { module: 'audit', dir: fileURLToPath(new URL('./migrations', import.meta.url)) };

export function createAudit(db: RootDb): AuditService {
  return createAuditService(narrow<AuditTables>(db));
}

/** Recomputes the whole hash chain and names the first entry that breaks it. */
export function verifyAuditChain(db: RootDb): Promise<ChainReport> {
  return verifyChain(narrow<AuditTables>(db));
}

/** The actor string for a principal: `person:<personal code>` or `client:<id>`. */
export function actorOf(principal: Principal | null): string {
  if (!principal) return 'anonymous';
  if (principal.kind === 'person' && principal.personalCode) return `person:${principal.personalCode}`;
  return principal.subject;
}

/** Who and from where, from a request: the common part of every audit entry. */
export function auditContext(request: FastifyRequest): Pick<AuditEntry, 'actor' | 'ip' | 'userAgent'> {
  return { actor: actorOf(request.principal), ip: request.ip, userAgent: request.headers['user-agent'] ?? null };
}

// "Who looked at my data": the workspace page and GET /api/v1/me/data-access.
export { registerDataAccessWorkspacePages, DATA_ACCESS_PATH } from './pages/workspace/data-access.pages.js';
export type { DataAccessDeps } from './data-access.js';
export { registerAuditRoutes } from './audit.routes.js';
