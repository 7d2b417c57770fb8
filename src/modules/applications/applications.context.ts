/**
 * What every part of the module shares: its dependencies on other modules
 * (through their index.ts), the clock, the file store, and the answers to
 * "who is looking at this application" and "which lead time applies".
 */
import type { Kysely } from 'kysely';
import type { RootDb } from '../../platform/db/database.js';
import { hasRole, type Principal } from '../../platform/http/auth.js';
import type { AccessService } from '../access/index.js';
import { actorOf, type AuditService } from '../audit/index.js';
import type { CatalogService, Service, Text } from '../catalog/index.js';
import type { RegistersService } from '../registers/index.js';
import type { FileStore } from './attachments.js';
import * as repo from './applications.repo.js';
import type { ApplicationsTables } from './applications.repo.js';
import type { ServiceLeadTime } from './applications.schemas.js';
import { defaultDayKind, leadTimeProblem, type LeadTime } from './lead-time.js';
import { DEFAULT_LABELS, type ActorRole, type StatusCode } from './statuses.js';

export interface ApplicationsDeps {
  root: Kysely<ApplicationsTables>;
  /** the catalog over a given executor (the pool, or an open transaction) */
  catalog: (db: RootDb) => CatalogService;
  /** client rights (P9, P15); asked outside transactions: it reads with the pool */
  rights: Pick<AccessService, 'findRight' | 'findRightWithServices'>;
  audit: (db: RootDb) => AuditService;
  files: FileStore;
  now: () => Date;
  /** the state registers that register-fed form fields read (once only); none: people type those values */
  registers?: RegistersService;
  /** whether the platform takes fees online: then an application with a fee due is submitted only once paid (paid-submission.service.ts) */
  feesOnline?: boolean;
}

export const asRoot = (db: Kysely<ApplicationsTables>): RootDb => db as unknown as RootDb;

export const actorName = (principal: Principal): string => actorOf(principal);

/** The general term of the Administrative Procedure Law (Section 64): one month. */
export const GENERAL_LEAD_TIME: LeadTime = {
  duration: 'P1M',
  dayKind: 'calendar',
  legalBasis: { lv: 'Administratīvā procesa likums, 64. pants', en: 'Administrative Procedure Law, Section 64' },
};

/** The lead time of a service: declared here, else the register's processing time, else the general term. */
export function leadTimeOf(service: Service, declared: LeadTime | undefined): ServiceLeadTime {
  if (declared) return { serviceId: service.id, ...declared, source: 'service' };
  const processingTime = service.processingTime ?? service.channels.find((channel) => channel.type === 'online')?.processingTime;
  if (processingTime) {
    const dayKind = defaultDayKind(processingTime);
    if (!leadTimeProblem({ duration: processingTime, dayKind })) {
      return { serviceId: service.id, duration: processingTime, dayKind, legalBasis: service.legalBasis[0]?.title ?? null, source: 'catalog' };
    }
  }
  return { serviceId: service.id, ...GENERAL_LEAD_TIME, source: 'default' };
}

/** In what capacity an institution-side principal acts on the institution's applications, if at all. */
export function institutionRole(principal: Principal, institutionId: string): ActorRole | undefined {
  if (principal.kind === 'system') return principal.institutionId === institutionId ? 'system' : undefined;
  return hasRole(principal, 'case_handler', institutionId) ? 'case_handler' : undefined;
}

export interface Viewer {
  as: 'applicant' | 'institution';
  role: ActorRole;
  /** the party acted for when it is not the viewer themselves (for the audit trail) */
  onBehalfOf: string | null;
}

/**
 * Who may see an application: the applicant, whoever has a right to act for
 * the applicant (for that service), and the institution (its systems and case
 * handlers). Everyone else: undefined, and the caller answers "not found".
 */
export async function viewerOf(deps: ApplicationsDeps, principal: Principal, app: { applicant: string; institution_id: string; service_id: string }): Promise<Viewer | undefined> {
  // Staff who applied to their own institution see their application as applicants do.
  if (principal.kind === 'person' && principal.personalCode === app.applicant) return { as: 'applicant', role: 'applicant', onBehalfOf: null };
  const role = institutionRole(principal, app.institution_id);
  if (role) return { as: 'institution', role, onBehalfOf: null };
  if (principal.kind !== 'person' || !principal.personalCode) return undefined;
  const right = await deps.rights.findRight({ representative: principal.personalCode, represented: app.applicant, serviceId: app.service_id }, principal);
  return right ? { as: 'applicant', role: 'applicant', onBehalfOf: app.applicant } : undefined;
}

export type Labels = Map<string, Map<string, Text>>;

export async function loadLabels(db: Kysely<ApplicationsTables>, institutionIds: string[]): Promise<Labels> {
  return repo.labelsOf(db, [...new Set(institutionIds)]);
}

export function labelFor(labels: Labels, institutionId: string, code: StatusCode): Text {
  return labels.get(institutionId)?.get(code) ?? DEFAULT_LABELS[code];
}

/** Runs `work` in a transaction of its own, again when it lost a race (deadlock, serialization, a concurrent registration). */
export async function withRetry<T>(work: () => Promise<T>, attempts = 4): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      const code = (error as { code?: string }).code;
      const retryable = error instanceof RaceLost || code === '40P01' || code === '40001';
      if (!retryable || attempt >= attempts) throw error;
    }
  }
}

/** A concurrent transaction registered the same thing first; the whole unit of work is redone. */
export class RaceLost extends Error {
  override name = 'RaceLost';
}
