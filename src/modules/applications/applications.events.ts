/**
 * The events the applications module publishes on the platform's outbox, in
 * the transaction of the change. A status change says everything its
 * subscribers need (who applied and who submitted it, the service, the
 * number, the status in both languages, the expected completion, the link),
 * so none of them reads the application back.
 *
 * One type covers every step of the status register — a request for
 * information is a change to `awaiting_client`, a result a change to
 * `decided`/`delivered`/`rejected` — because subscribers order and
 * de-duplicate per application, and one stream per application keeps that
 * order.
 */
import { Type, type Static } from '@sinclair/typebox';
import type { EventActor, EventEnvelope, NewEvent } from '../../platform/jobs/outbox.js';
import { isFinal, type ActorRole, type StatusCode } from './statuses.js';

export const APPLICATIONS_SOURCE = '/applications';
export const STATUS_CHANGED = 'applications.status_changed';

const Text = Type.Object({ lv: Type.String(), en: Type.String() });
/** Formats are left out: subscribers check payloads with TypeBox's Value, which knows no formats unless registered. */
const Nullable = <T extends ReturnType<typeof Type.String>>(schema: T) => Type.Union([schema, Type.Null()]);

export const StatusChangedData = Type.Object({
  applicationId: Type.String(),
  number: Type.String(),
  serviceId: Type.String(),
  serviceTitle: Text,
  /** the institution that processes the application */
  institutionId: Type.String(),
  /** personal code or company registration number */
  applicant: Type.String(),
  applicantKind: Type.Union([Type.Literal('person'), Type.Literal('company')]),
  /** the representative who submitted it for the applicant (null: the applicant did) */
  submittedBy: Nullable(Type.String()),
  code: Type.String(),
  previousCode: Nullable(Type.String()),
  /** the status as the institution words it */
  statusLabel: Text,
  /** the application's last status: no more changes follow */
  final: Type.Boolean(),
  occurredAt: Type.String(),
  /** the institution's idempotency key of the change (null: the platform's own) */
  eventId: Nullable(Type.String()),
  noteForApplicant: Nullable(Type.String()),
  /** what the applicant is asked for (awaiting_client) */
  awaiting: Nullable(Type.String()),
  /** expected completion after this change (null: paused or finished) */
  expectedCompletionAt: Nullable(Type.String()),
  /** the applicant's page of the application, a path under PUBLIC_URL */
  link: Type.String(),
});
export type StatusChangedData = Static<typeof StatusChangedData>;

export type StatusChangedEvent = EventEnvelope<typeof STATUS_CHANGED, StatusChangedData>;

/** Every event type of the module with its payload's schema. */
export const applicationsEvents = { [STATUS_CHANGED]: StatusChangedData } as const;
export type ApplicationsEvent = StatusChangedEvent;

/** Who caused a change, from the status register's actor name (person:<code>, a client id, or the platform). */
export function eventActor(name: string, role: ActorRole): EventActor {
  if (name.startsWith('person:')) return { kind: 'person', id: name.slice('person:'.length) };
  if (role === 'platform') return { kind: 'platform', id: name };
  return { kind: 'system', id: name };
}

export function statusChanged(data: Omit<StatusChangedData, 'final'> & { code: StatusCode }, actor: EventActor, time: Date): NewEvent<typeof STATUS_CHANGED, StatusChangedData> {
  return { type: STATUS_CHANGED, source: APPLICATIONS_SOURCE, subject: data.applicationId, time, actor, data: { ...data, final: isFinal(data.code) } };
}
