/**
 * Applying (P2, P7): drafts kept per applicant and author, submission
 * validated against the service's form with its attachments, a human-readable
 * number and a receipt; the applicant's answer to a request for information
 * and withdrawal.
 *
 * The applicant's answer is recorded as the status `in_progress` set by the
 * applicant, carrying the message and files: the timeline shows the answer
 * where it happened, the clock resumes from that moment, and the application
 * is back in the institution's queue as work in hand.
 */
import { randomUUID } from 'node:crypto';
import type { Principal } from '../../platform/http/auth.js';
import { AppError } from '../../platform/errors.js';
import { publish } from '../../platform/jobs/outbox.js';
import type { Right } from '../access/index.js';
import { feesDue, type Service } from '../catalog/index.js';
import { actorName, asRoot, leadTimeOf, viewerOf, withRetry, type ApplicationsDeps, type Viewer } from './applications.context.js';
import { eventActor, statusChanged } from './applications.events.js';
import * as errors from './applications.errors.js';
import * as repo from './applications.repo.js';
import type { ApplicationRow } from './applications.repo.js';
import type { AttachmentSlot, Draft, FileInput, Form, Receipt, ResponseInput, StatusChange, SubmitInput } from './applications.schemas.js';
import { checkFiles, safeFilename, sha256Of } from './attachments.js';
import type { FormsService } from './forms.service.js';
import { choiceProblems, queryGiven, registerDataOf, withGivenValues } from './forms.registers.js';
import { expectedCompletion, rigaDate } from './lead-time.js';
import { applyEvents, type EngineActor, type PendingEvent } from './status-register.engine.js';
import * as registerRepo from './status-register.repo.js';
import { DEFAULT_LABELS } from './statuses.js';
import { workspaceLink } from './tracking.service.js';

export interface SubmissionService {
  saveDraft(principal: Principal, right: Right, serviceId: string, draft: { data: Record<string, unknown>; step?: string | null }): Promise<Draft>;
  getDraft(principal: Principal, right: Right, serviceId: string): Promise<Draft | null>;
  listDrafts(principal: Principal, right: Right): Promise<Draft[]>;
  deleteDraft(principal: Principal, right: Right, serviceId: string): Promise<void>;
  /** submits for `right.party` (from AccessService.resolveActingFor); returns the receipt */
  submit(principal: Principal, right: Right, input: SubmitInput): Promise<Receipt>;
  /** the applicant's answer while the institution awaits it: the clock resumes */
  respond(principal: Principal, ref: string, input: ResponseInput): Promise<StatusChange>;
  /** the applicant withdraws the application (before it is decided) */
  withdraw(principal: Principal, ref: string, input?: { reason?: string }): Promise<StatusChange>;
}

const MAX_DRAFT_BYTES = 256 * 1024;

/** Whether a draft's answers fit the size a draft may have (pages check before saving to say so on the field). */
export const draftFits = (data: unknown): boolean => Buffer.byteLength(JSON.stringify(data) ?? '') <= MAX_DRAFT_BYTES;
const MAX_MESSAGE = 5000;

/** JSON with object keys sorted: the same data always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** Whether a field or slot with this condition is shown for `data`. */
function shown(slot: AttachmentSlot, data: Record<string, unknown>): boolean {
  if (!slot.showIf) return true;
  let value: unknown = data;
  for (const part of slot.showIf.field.split('/')) value = value && typeof value === 'object' ? (value as Record<string, unknown>)[part] : undefined;
  return value === slot.showIf.equals;
}

export function attachmentProblems(form: Form, data: Record<string, unknown>, files: readonly FileInput[]): void {
  checkFiles(files, form.presentation.attachments, '#/attachments');
  const missing = form.presentation.attachments
    .filter((slot) => slot.required && shown(slot, data) && !files.some((file) => file.slot === slot.name))
    .map((slot) => ({ pointer: `#/attachments/${slot.name}`, in: 'body' as const, detail: `attach ${slot.title.en.toLowerCase()}` }));
  if (missing.length > 0) throw errors.invalidAttachments(missing);
}

const toDraft = (row: repo.DraftRow): Draft => ({
  id: row.id,
  serviceId: row.service_id,
  applicant: row.applicant,
  author: row.author,
  data: row.data,
  step: row.step,
  createdAt: row.created_at.toISOString(),
  updatedAt: row.updated_at.toISOString(),
});

/** The person acting, after checking again that the right the route resolved still holds. */
export async function actingPersonOf(deps: ApplicationsDeps, principal: Principal, right: Right, serviceId?: string): Promise<string> {
  const self = principal.kind === 'person' ? principal.personalCode : undefined;
  if (!self) throw errors.notAPerson();
  if (right.party === self) return self;
  const current = await deps.rights.findRight({ representative: self, represented: right.party, ...(serviceId ? { serviceId } : {}) });
  if (!current) throw errors.notApplicant();
  return self;
}

/** A service that may be applied for now, or the applications module's 404. */
export async function publishedServiceOf(deps: ApplicationsDeps, serviceId: string): Promise<Service> {
  if (!repo.isUuid(serviceId)) throw errors.serviceNotFound(serviceId);
  try {
    const service = await deps.catalog(asRoot(deps.root)).get(serviceId);
    if (service.status !== 'published') throw errors.serviceNotFound(serviceId);
    return service;
  } catch (error) {
    if (error instanceof AppError && error.kind === 'not_found') throw errors.serviceNotFound(serviceId);
    throw error;
  }
}

export function createSubmission(deps: ApplicationsDeps, forms: FormsService): SubmissionService {
  const root = deps.root;

  const actingPerson = (principal: Principal, right: Right, serviceId?: string): Promise<string> => actingPersonOf(deps, principal, right, serviceId);
  const publishedService = (serviceId: string): Promise<Service> => publishedServiceOf(deps, serviceId);

  const applicantSide = async (principal: Principal, ref: string): Promise<{ row: ApplicationRow; viewer: Viewer }> => {
    const row = await repo.findApplication(root, ref);
    const viewer = row ? await viewerOf(deps, principal, row) : undefined;
    if (!row || !viewer) throw errors.applicationNotFound(ref);
    if (viewer.as !== 'applicant') throw errors.notApplicant();
    return { row, viewer };
  };

  /** One status change by the applicant's side, with files attached to it. */
  const applicantEvent = async (principal: Principal, row: ApplicationRow, viewer: Viewer, event: Omit<PendingEvent, 'index' | 'eventId' | 'target'>, files: readonly FileInput[], action: string): Promise<StatusChange> => {
    const actor: EngineActor = { name: actorName(principal), role: 'applicant', institutions: [row.institution_id], institutionId: null };
    if (!deps.files.transactional) for (const file of files) await deps.files.put(asRoot(root), sha256Of(file.content), file.content);
    const change = await withRetry(() =>
      root.transaction().execute(async (trx) => {
        const outcome = await applyEvents(deps, trx, actor, [{ ...event, index: 0, eventId: null, target: { kind: 'id', ref: row.id } }], { action, onBehalfOf: viewer.onBehalfOf });
        const [result] = outcome.results;
        if (!result || result.status !== 'applied') throw errors.invalidTransition(result?.problem?.detail ?? 'The status cannot change now.');
        const statusEventId = outcome.eventRowIds.get(0) ?? null;
        for (const file of files) {
          const sha256 = sha256Of(file.content);
          if (deps.files.transactional) await deps.files.put(asRoot(trx), sha256, file.content);
          await repo.insertFile(trx, { application_id: row.id, purpose: 'response', slot: null, status_event_id: statusEventId, filename: safeFilename(file.filename), media_type: file.mediaType, size: file.content.byteLength, sha256 });
        }
        return { applicationId: row.id, number: row.number, code: event.code, occurredAt: event.occurredAt.toISOString(), result: 'applied' as const };
      }),
    );
    return change;
  };

  return {
    async saveDraft(principal, right, serviceId, draft) {
      const author = await actingPerson(principal, right, serviceId);
      await publishedService(serviceId);
      if (typeof draft.data !== 'object' || draft.data === null || Array.isArray(draft.data)) throw errors.invalidInput('a draft’s data is an object', '#/data');
      if (!draftFits(draft.data)) throw errors.invalidInput(`a draft is at most ${MAX_DRAFT_BYTES} bytes`, '#/data');
      return toDraft(await repo.upsertDraft(root, { serviceId, applicant: right.party, author, data: draft.data, step: draft.step ?? null }));
    },

    async getDraft(principal, right, serviceId) {
      const author = await actingPerson(principal, right, serviceId);
      if (!repo.isUuid(serviceId)) return null;
      const row = await repo.findDraft(root, serviceId, right.party, author);
      return row ? toDraft(row) : null;
    },

    async listDrafts(principal, right) {
      const author = await actingPerson(principal, right);
      return (await repo.listDrafts(root, right.party, author)).map(toDraft);
    },

    async deleteDraft(principal, right, serviceId) {
      const author = await actingPerson(principal, right, serviceId);
      if (!repo.isUuid(serviceId) || !(await repo.deleteDraft(root, serviceId, right.party, author))) throw errors.draftNotFound();
    },

    async submit(principal, right, input) {
      const submittedBy = await actingPerson(principal, right, input.serviceId);
      const service = await publishedService(input.serviceId);
      const form = await forms.getForm(service.id);
      // Once only: register-fed fields carry the register's values, whatever was posted; choices must be its entries.
      const given = await queryGiven(deps.registers, principal, right, form, deps.now());
      input = { ...input, data: withGivenValues(input.data, given) };
      const problems = [...forms.validateData(form, input.data), ...choiceProblems(input.data, given)];
      if (problems.length > 0) throw errors.invalidData(problems);
      const files = input.attachments ?? [];
      attachmentProblems(form, input.data, files);
      // A fee due is paid first (holdForPayment and submitPaid): never submitted around the payment.
      if (deps.feesOnline && feesDue(service.costs, input.data).length > 0) throw errors.feeDue();
      const declared = (await repo.findLeadTimes(root, [service.id])).get(service.id);
      const { source: _source, serviceId: _serviceId, ...leadTime } = leadTimeOf(service, declared);
      // Contents first: a rolled-back submission may leave an unused file, never a reference without one.
      if (!deps.files.transactional) for (const file of files) await deps.files.put(asRoot(root), sha256Of(file.content), file.content);

      return withRetry(() =>
        root.transaction().execute((trx) =>
          recordSubmission(deps, trx, {
            id: randomUUID(),
            service,
            form,
            right,
            submittedBy,
            actor: actorName(principal),
            data: input.data,
            files: files.map((file) => ({ slot: file.slot ?? null, filename: file.filename, mediaType: file.mediaType, size: file.content.byteLength, sha256: sha256Of(file.content), content: file.content })),
            leadTime,
            ...(Object.keys(given).length > 0 ? { registerData: registerDataOf(input.data, given) } : {}),
          }),
        ),
      );
    },

    async respond(principal, ref, input) {
      const { row, viewer } = await applicantSide(principal, ref);
      const message = typeof input.message === 'string' ? input.message.trim() : '';
      if (!message || message.length > MAX_MESSAGE) throw errors.invalidInput(`the answer is text of 1 to ${MAX_MESSAGE} characters`, '#/message');
      const files = input.files ?? [];
      checkFiles(files, null, '#/files');
      if (row.status !== 'awaiting_client') throw errors.invalidTransition('The institution is not awaiting an answer on this application.');
      return applicantEvent(principal, row, viewer, { code: 'in_progress', occurredAt: deps.now(), note: null, noteForApplicant: null, awaiting: null, message }, files, 'applications.client_responded');
    },

    async withdraw(principal, ref, input = {}) {
      const { row, viewer } = await applicantSide(principal, ref);
      const reason = input.reason?.trim().slice(0, MAX_MESSAGE) || null;
      return applicantEvent(principal, row, viewer, { code: 'withdrawn', occurredAt: deps.now(), note: null, noteForApplicant: null, awaiting: null, message: reason }, [], 'applications.withdrawn');
    },
  };
}

/** What a submission consists of, however it came (at once, or once its fee was paid). */
export interface SubmissionRecord {
  /** the application's id (a paid submission's was fixed when its payment started) */
  id: string;
  service: Service;
  form: Form;
  right: Pick<Right, 'party' | 'partyKind' | 'basis' | 'mandateId'>;
  submittedBy: string;
  /** the audit trail's and the timeline's name of who submitted it */
  actor: string;
  data: Record<string, unknown>;
  /** contents are given when the store is transactional and they are to be put with the rows */
  files: { slot: string | null; filename: string; mediaType: string; size: number; sha256: string; content?: Uint8Array }[];
  leadTime: Omit<ReturnType<typeof leadTimeOf>, 'source' | 'serviceId'>;
  payment?: Receipt['payment'];
  /** which values came from state registers */
  registerData?: Receipt['registerData'];
}

/**
 * Records a submitted application in the open transaction: its number, row,
 * first status, the `submitted` event on the outbox, its files, the draft
 * gone and the audit entry — all or nothing.
 */
export async function recordSubmission(deps: ApplicationsDeps, trx: ApplicationsDeps['root'], record: SubmissionRecord): Promise<Receipt> {
  const { id, service, form, right, submittedBy, data, files, leadTime } = record;
  const now = deps.now();
  const year = Number(rigaDate(now).slice(0, 4));
  const number = registerRepo.formatNumber(year, await registerRepo.allocateNumbers(trx, year, 1));
  const expected = expectedCompletion(now, leadTime, [], now).at;
  const receipt: Receipt = {
    number,
    applicationId: id,
    link: workspaceLink(number),
    serviceId: service.id,
    serviceTitle: service.title,
    institutionId: service.institutionId,
    applicant: right.party,
    submittedBy,
    basis: right.basis,
    mandateId: right.mandateId ?? null,
    submittedAt: now.toISOString(),
    formVersion: form.version,
    dataSha256: sha256Of(canonicalJson(data)),
    attachments: files.map((file) => ({ slot: file.slot, filename: safeFilename(file.filename), size: file.size, sha256: file.sha256 })),
    expectedCompletionAt: expected.toISOString(),
    ...(record.payment ? { payment: record.payment } : {}),
    ...(record.registerData ? { registerData: record.registerData } : {}),
  };
  await registerRepo.insertApplications(trx, [
    {
      id,
      number,
      serviceId: service.id,
      institutionId: service.institutionId,
      serviceTitle: service.title,
      applicant: right.party,
      applicantKind: right.partyKind,
      submittedBy,
      basis: right.basis,
      mandateId: right.mandateId ?? null,
      origin: 'platform',
      externalId: null,
      formVersion: form.version,
      data,
      status: 'submitted',
      statusAt: now,
      awaiting: null,
      submittedAt: now,
      lastEventAt: now,
      leadTime,
      pauses: [],
      expectedAt: expected,
      completedAt: null,
      closedAt: null,
      receipt,
    },
  ]);
  await registerRepo.writeEvents(
    trx,
    [
      {
        applicationId: id,
        institutionId: null,
        eventId: null,
        code: 'submitted',
        fromCode: null,
        occurredAt: now,
        actor: record.actor,
        role: 'applicant',
        note: null,
        noteForApplicant: null,
        awaiting: null,
        message: null,
        application: { number, serviceId: service.id, institutionId: service.institutionId, applicant: right.party },
      },
    ],
    [],
  );
  const labels = (await repo.labelsOf(trx, [service.institutionId])).get(service.institutionId);
  await publish(
    asRoot(trx),
    statusChanged(
      {
        applicationId: id,
        number,
        serviceId: service.id,
        serviceTitle: service.title,
        institutionId: service.institutionId,
        applicant: right.party,
        applicantKind: right.partyKind,
        submittedBy,
        code: 'submitted',
        previousCode: null,
        statusLabel: labels?.get('submitted') ?? DEFAULT_LABELS.submitted,
        occurredAt: now.toISOString(),
        eventId: null,
        noteForApplicant: null,
        awaiting: null,
        expectedCompletionAt: expected.toISOString(),
        link: workspaceLink(number),
      },
      eventActor(record.actor, 'applicant'),
      now,
    ),
  );
  for (const file of files) {
    if (deps.files.transactional && file.content) await deps.files.put(asRoot(trx), file.sha256, file.content);
    await repo.insertFile(trx, { application_id: id, purpose: 'attachment', slot: file.slot, status_event_id: null, filename: safeFilename(file.filename), media_type: file.mediaType, size: file.size, sha256: file.sha256 });
  }
  await repo.deleteDraft(trx, service.id, right.party, submittedBy);
  await deps.audit(asRoot(trx)).record({
    actor: record.actor,
    onBehalfOf: right.party === submittedBy ? null : right.party,
    action: 'applications.submitted',
    target: `application:${id}`,
    details: { number, serviceId: service.id, basis: right.basis, mandateId: right.mandateId ?? null, ...(record.payment ? { paymentId: record.payment.id } : {}) },
  });
  return receipt;
}
