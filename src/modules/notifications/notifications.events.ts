/**
 * What the notifications module makes of other modules' events (a subscriber
 * wired in app.ts): a status change, a request for information or a result
 * of an application notifies the applicant and whoever submitted it for them;
 * a mandate granted or revoked notifies the representative. Everything comes
 * from the event itself. Each (event, recipient) has one key, so an event
 * handed out twice notifies nobody twice.
 */
import { Value } from '@sinclair/typebox/value';
import type { Principal } from '../../platform/http/auth.js';
import type { EventEnvelope } from '../../platform/jobs/outbox.js';
import { MANDATE_GRANTED, MANDATE_REVOKED, MandateData, parseParty } from '../access/index.js';
import { STATUS_CHANGED, StatusChangedData, type ApplicationView, type StatusCode } from '../applications/index.js';
import { REPLIED as SUPPORT_REPLIED, RepliedData as SupportRepliedData } from '../support/index.js';
import { WEBHOOK_DISABLED, WebhookDisabledData } from '../integration/index.js';
import type { Language, NotificationInput, NotificationKind } from './notifications.schemas.js';
import { formatDate } from './templates.js';

/** The event types this module reacts to (its subscription). */
export const NOTIFIED_EVENTS = [STATUS_CHANGED, MANDATE_GRANTED, MANDATE_REVOKED, SUPPORT_REPLIED, WEBHOOK_DISABLED] as const;

/**
 * An institution's system's own view of its applications (POST
 * /api/v1/notifications with an applicationId): read under the caller's own
 * principal, so it sees only what that institution may.
 */
export interface ApplicationLookup {
  getApplication(principal: Principal, ref: string): Promise<ApplicationView>;
  statusLabels(institutionId: string): Promise<Record<StatusCode, { lv: string; en: string }>>;
}

export interface EventDeps {
  notify(input: NotificationInput): Promise<unknown>;
  /** a person's name by personal code (null: unknown) */
  personName(personalCode: string): Promise<string | null>;
  /** e-mails an API client's contacts that its webhook was disabled (contacts.ts) */
  webhookDisabled?(event: EventEnvelope, data: WebhookDisabledData): Promise<void>;
}

export function kindOfStatus(code: string): NotificationKind {
  if (code === 'awaiting_client') return 'request';
  if (code === 'decided' || code === 'delivered' || code === 'rejected') return 'result';
  return 'status';
}

/** What an application notification says, in both languages. */
export interface ApplicationFacts {
  number: string;
  serviceTitle: { lv: string; en: string };
  expectedCompletionAt: string | null;
}

/** Personalisation of an application notification, in both languages. */
export function applicationValues(app: ApplicationFacts, label: { lv: string; en: string }, final: boolean): Record<string, string> {
  const values: Record<string, string> = {
    number: app.number,
    'serviceTitle:lv': app.serviceTitle.lv,
    'serviceTitle:en': app.serviceTitle.en,
    'status:lv': label.lv,
    'status:en': label.en,
  };
  if (!final && app.expectedCompletionAt) {
    for (const language of ['lv', 'en'] as Language[]) values[`expectedDate:${language}`] = formatDate(app.expectedCompletionAt, language);
  }
  return values;
}

export function createEventHandler(deps: EventDeps): (event: EventEnvelope) => Promise<void> {
  const onStatusChanged = async (event: EventEnvelope, data: StatusChangedData): Promise<void> => {
    const kind = kindOfStatus(data.code);
    const personalisation: Record<string, string> = {
      ...applicationValues(data, data.statusLabel, data.final),
      note: data.noteForApplicant ?? '',
      awaiting: data.awaiting ?? '',
    };
    // The applicant, and the representative who submitted it for them (they follow what they handle).
    const recipients = new Set<string>();
    if (data.applicantKind === 'person') recipients.add(data.applicant);
    if (data.submittedBy && parseParty(data.submittedBy)?.kind === 'person') recipients.add(data.submittedBy);
    for (const recipient of recipients) {
      await deps.notify({
        dedupKey: `${event.id}:${recipient}`,
        recipient,
        kind,
        template: kind,
        personalisation,
        serviceId: data.serviceId,
        applicationId: data.applicationId,
        institutionId: data.institutionId,
        link: data.link,
      });
    }
  };

  const onMandate = async (event: EventEnvelope, data: MandateData, action: 'granted' | 'revoked'): Promise<void> => {
    const { representative, grantor } = data;
    if (parseParty(representative)?.kind !== 'person') return;
    const grantorName = data.grantorKind === 'person' ? await deps.personName(grantor) : null;
    await deps.notify({
      dedupKey: `${event.id}:${representative}`,
      recipient: representative,
      kind: 'mandate',
      template: 'mandate',
      personalisation: { action, grantor: grantorName ?? grantor },
      link: '/workspace/mandates',
    });
  };

  // Customer support answered: the person who asked is told, with a direct link to the thread.
  const onSupportReplied = async (event: EventEnvelope, data: SupportRepliedData): Promise<void> => {
    if (!data.recipient || parseParty(data.recipient)?.kind !== 'person') return;
    await deps.notify({
      dedupKey: `${event.id}:${data.recipient}`,
      recipient: data.recipient,
      kind: 'support',
      template: 'support',
      personalisation: {
        'subject:lv': `jautājums Nr. ${data.number} (${data.subject.lv})`,
        'subject:en': `question No. ${data.number} (${data.subject.en})`,
        'body:lv': `Atbilde uz jūsu jautājumu:\n\n${data.body}`,
        'body:en': `A reply to your question:\n\n${data.body}`,
      },
      serviceId: data.serviceId,
      applicationId: data.applicationId,
      institutionId: data.queueInstitutionId,
      link: data.link,
    });
  };

  // An event that does not say what its type promises has nobody to tell (and retrying will not change it).
  return async (event) => {
    if (event.type === STATUS_CHANGED && Value.Check(StatusChangedData, event.data)) return onStatusChanged(event, event.data);
    if (event.type === MANDATE_GRANTED && Value.Check(MandateData, event.data)) return onMandate(event, event.data, 'granted');
    if (event.type === MANDATE_REVOKED && Value.Check(MandateData, event.data)) return onMandate(event, event.data, 'revoked');
    if (event.type === SUPPORT_REPLIED && Value.Check(SupportRepliedData, event.data)) return onSupportReplied(event, event.data);
    if (event.type === WEBHOOK_DISABLED && Value.Check(WebhookDisabledData, event.data)) return deps.webhookDisabled?.(event, event.data);
  };
}
