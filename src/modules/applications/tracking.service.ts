/**
 * Traceability (P11): an application with its whole timeline, the applicant's
 * list of applications, and the institution's queue (overdue first). Visible to
 * the applicant, to whoever acts for them, and to the institution; anyone else
 * is told the application does not exist. Every read of personal data is
 * written to the audit trail.
 */
import { hasRole, type Principal } from '../../platform/http/auth.js';
import { parseParty } from '../access/index.js';
import { actorName, asRoot, institutionRole, labelFor, loadLabels, viewerOf, type ApplicationsDeps, type Labels, type Viewer } from './applications.context.js';
import * as errors from './applications.errors.js';
import * as repo from './applications.repo.js';
import type { ApplicationRow, FileRow, SummaryRow } from './applications.repo.js';
import type { ApplicationSummary, ApplicationView, FileInfo, ListFilters, Page, QueueFilters, StoredFile, TimelineEntry } from './applications.schemas.js';
import { expectedCompletion, isOverdue } from './lead-time.js';
import { STATISTICS_SAMPLE, statisticsFrom } from './lead-time.service.js';
import { isFinal, isStatusCode, type StatusCode } from './statuses.js';

export interface TrackingService {
  /** by id or number; not found for anyone who may not see it */
  getApplication(principal: Principal, ref: string): Promise<ApplicationView>;
  /** the workspace: applications of the party acted for (oneself by default) */
  listApplications(principal: Principal, filters?: ListFilters): Promise<Page<ApplicationSummary>>;
  /** the institution's queue for case handlers and its systems: open applications, overdue first */
  queue(actor: Principal, institutionId: string, filters?: QueueFilters): Promise<Page<ApplicationSummary>>;
  /** an attachment, answer file or result document of an application the principal may see */
  getFile(principal: Principal, ref: string, fileId: string): Promise<StoredFile>;
  /** the ids of a party's applications, newest first (the data-access log asks which reads were of them; no read of their contents) */
  applicationIdsOf(party: string, limit?: number): Promise<string[]>;
  /**
   * Customer support (P13): an application's status for a support agent of the
   * institution that processes it (audited); undefined for anyone else.
   */
  summaryForSupport(agent: Principal, ref: string): Promise<ApplicationSummary | undefined>;
}

export const workspaceLink = (number: string): string => `/workspace/applications/${number}`;

const toFileInfo = (row: FileRow): FileInfo => ({
  id: row.id,
  purpose: row.purpose,
  slot: row.slot,
  filename: row.filename,
  mediaType: row.media_type,
  size: row.size,
  sha256: row.sha256,
  createdAt: row.created_at.toISOString(),
});

export function summarise(row: SummaryRow, labels: Labels, now: Date): ApplicationSummary {
  const expected = expectedCompletion(row.submitted_at, row.lead_time, row.pauses, now);
  return {
    id: row.id,
    number: row.number,
    link: workspaceLink(row.number),
    serviceId: row.service_id,
    serviceTitle: row.service_title,
    institutionId: row.institution_id,
    applicant: row.applicant,
    applicantKind: row.applicant_kind,
    origin: row.origin,
    externalId: row.external_id,
    status: { code: row.status, label: labelFor(labels, row.institution_id, row.status), since: row.status_at.toISOString() },
    awaiting: row.awaiting,
    submittedAt: row.submitted_at.toISOString(),
    expectedCompletionAt: expected.at.toISOString(),
    clockPaused: expected.paused,
    overdue: isOverdue(expected, row.completed_at !== null, isFinal(row.status), now),
    completedAt: row.completed_at ? row.completed_at.toISOString() : null,
  };
}

const LIMIT = { default: 20, max: 100 };
/** The queue counts its applications up to this many past the page asked for (the page's `totalCapped` says when there are more). */
export const QUEUE_COUNT_AHEAD = 200;
const pageOf = (filters: { limit?: number; offset?: number }) => ({
  limit: Math.min(Math.max(Math.trunc(filters.limit ?? LIMIT.default), 1), LIMIT.max),
  offset: Math.max(Math.trunc(filters.offset ?? 0), 0),
});

function checkStatuses(statuses: StatusCode[] | undefined): StatusCode[] | undefined {
  if (!statuses) return undefined;
  for (const code of statuses) if (!isStatusCode(code)) throw errors.invalidInput(`"${String(code)}" is not a status code`, '#/status');
  return statuses;
}

export function createTracking(deps: ApplicationsDeps): TrackingService {
  const root = deps.root;

  const visibleApplication = async (principal: Principal, ref: string): Promise<{ row: ApplicationRow; viewer: Viewer }> => {
    const row = await repo.findApplication(root, ref);
    const viewer = row ? await viewerOf(deps, principal, row) : undefined;
    if (!row || !viewer) throw errors.applicationNotFound(ref);
    return { row, viewer };
  };

  return {
    async getApplication(principal, ref) {
      // The application with its timeline, files, result, labels and statistics in one round trip; shown only once the viewer is known.
      const view = await repo.findApplicationView(root, ref, STATISTICS_SAMPLE);
      const viewer = view ? await viewerOf(deps, principal, view.row) : undefined;
      if (!view || !viewer) throw errors.applicationNotFound(ref);
      const { row, events, files, result, labels } = view;
      const statistics = statisticsFrom(view.statistics);
      const now = deps.now();
      const institution = viewer.as === 'institution';
      const timeline: TimelineEntry[] = events.map((event) => {
        const entry: TimelineEntry = {
          code: event.code,
          label: labelFor(labels, row.institution_id, event.code),
          occurredAt: event.occurred_at.toISOString(),
          recordedAt: event.recorded_at.toISOString(),
          institutionId: event.institution_id,
          role: event.actor_role,
          noteForApplicant: event.note_for_applicant,
          awaiting: event.awaiting,
          response:
            event.actor_role === 'applicant' && event.message !== null
              ? { message: event.message, files: files.filter((file) => file.status_event_id === String(event.id)).map(toFileInfo) }
              : null,
        };
        if (institution) {
          entry.note = event.note;
          entry.eventId = event.event_id;
        }
        return entry;
      });
      const summary = summarise(row, labels, now);
      await deps.audit(asRoot(root)).record({
        actor: actorName(principal),
        onBehalfOf: viewer.onBehalfOf,
        action: 'applications.read',
        target: `application:${row.id}`,
        details: { number: row.number, as: viewer.as },
      });
      return {
        ...summary,
        submittedBy: row.submitted_by,
        basis: row.basis,
        mandateId: row.mandate_id,
        formVersion: row.form_version,
        data: row.data,
        attachments: files.filter((file) => file.purpose === 'attachment').map(toFileInfo),
        timeline,
        predictability: {
          leadTime: row.lead_time,
          expectedCompletionAt: summary.expectedCompletionAt,
          clockPaused: summary.clockPaused,
          overdue: summary.overdue,
          completedAt: summary.completedAt,
          statistics,
        },
        result: result
          ? { summary: result.summary, data: result.data, documents: files.filter((file) => file.purpose === 'result').map(toFileInfo), deliveredAt: result.delivered_at.toISOString() }
          : null,
        receipt: row.receipt,
        viewer: viewer.as,
      };
    },

    async summaryForSupport(agent, ref) {
      const row = await repo.findApplication(root, ref);
      if (!row || agent.kind !== 'person' || !hasRole(agent, 'support_agent', row.institution_id)) return undefined;
      const labels = await loadLabels(root, [row.institution_id]);
      await deps.audit(asRoot(root)).record({
        actor: actorName(agent),
        onBehalfOf: null,
        action: 'applications.read',
        target: `application:${row.id}`,
        details: { number: row.number, as: 'support' },
      });
      return summarise(row, labels, deps.now());
    },

    async listApplications(principal, filters = {}) {
      const self = principal.kind === 'person' ? principal.personalCode : undefined;
      if (!self) throw errors.notAPerson();
      const party = filters.party ? parseParty(filters.party)?.id : self;
      if (!party) throw errors.invalidInput(`"${filters.party}" is neither a personal code nor a registration number`, '#/party');
      let serviceIds: string[] | undefined;
      if (party !== self) {
        const found = await deps.rights.findRightWithServices({ representative: self, represented: party }, principal);
        if (!found) throw errors.notApplicant();
        // A mandate may cover only some services: list only the applications it covers.
        if (found.services !== 'all') serviceIds = found.services;
      }
      const now = deps.now();
      const page = pageOf(filters);
      const { rows, total, labels } = await repo.listApplications(root, {
        applicants: [party],
        statuses: checkStatuses(filters.status),
        overdue: filters.overdue,
        serviceIds,
        now,
        ...page,
      });
      await deps.audit(asRoot(root)).record({
        actor: actorName(principal),
        onBehalfOf: party === self ? null : party,
        action: 'applications.listed',
        target: `party:${party}`,
        details: { count: rows.length },
      });
      return { items: rows.map((row) => summarise(row, labels, now)), total, ...page };
    },

    async applicationIdsOf(party, limit = 500) {
      const rows = await root.selectFrom('applications.applications').select('id').where('applicant', '=', party).orderBy('submitted_at', 'desc').limit(limit).execute();
      return rows.map((row) => row.id);
    },

    async queue(actor, institutionId, filters = {}) {
      if (!repo.isUuid(institutionId) || !institutionRole(actor, institutionId)) throw errors.notInstitution();
      const now = deps.now();
      const page = pageOf(filters);
      const statuses = checkStatuses(filters.status);
      const { rows, total, totalCapped, labels } = await repo.listApplications(root, {
        institutionId,
        statuses,
        serviceId: filters.serviceId && repo.isUuid(filters.serviceId) ? filters.serviceId : undefined,
        overdue: filters.overdue,
        q: filters.q,
        // Without a status filter the queue holds what is still open.
        openOnly: !statuses || statuses.length === 0,
        queueOrder: true,
        // A large institution's queue holds tens of thousands: counting them all cost more than the page itself.
        countUpTo: page.offset + page.limit + QUEUE_COUNT_AHEAD,
        now,
        ...page,
      });
      await deps.audit(asRoot(root)).record({ actor: actorName(actor), action: 'applications.queue_read', target: `institution:${institutionId}`, details: { count: rows.length, filters } });
      return { items: rows.map((row) => summarise(row, labels, now)), total, totalCapped, ...page };
    },

    async getFile(principal, ref, fileId) {
      const { row, viewer } = await visibleApplication(principal, ref);
      const file = await repo.findFile(root, row.id, fileId);
      if (!file) throw errors.fileNotFound(fileId);
      const content = await deps.files.get(asRoot(root), file.sha256);
      if (!content) throw new Error(`content of file ${file.id} is missing from the store`);
      await deps.audit(asRoot(root)).record({
        actor: actorName(principal),
        onBehalfOf: viewer.onBehalfOf,
        action: 'applications.file_read',
        target: `application:${row.id}`,
        details: { fileId: file.id, purpose: file.purpose },
      });
      return { ...toFileInfo(file), content };
    },
  };
}
