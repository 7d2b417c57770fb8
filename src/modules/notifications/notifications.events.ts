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
  /** makes the notifications in one transaction */
  notifyAll(inputs: NotificationInput[]): Promise<unknown>;
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

/** The bus subscriber: one event at a time, or a batch of them whose notifications are made together. */
export interface EventHandler {
  handleEvent(event: EventEnvelope): Promise<void>;
  handleEvents(events: EventEnvelope[]): Promise<void>;
}

export function createEventHandler(deps: EventDeps): EventHandler {
  const onStatusChanged = (event: EventEnvelope, data: StatusChangedData): NotificationInput[] => {
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
    return [...recipients].map((recipient) => ({
      dedupKey: `${event.id}:${recipient}`,
      recipient,
      kind,
      template: kind,
      personalisation,
      serviceId: data.serviceId,
      applicationId: data.applicationId,
      institutionId: data.institutionId,
      link: data.link,
    }));
  };

  const onMandate = async (event: EventEnvelope, data: MandateData, action: 'granted' | 'revoked'): Promise<NotificationInput[]> => {
    const { representative, grantor } = data;
    if (parseParty(representative)?.kind !== 'person') return [];
    const grantorName = data.grantorKind === 'person' ? await deps.personName(grantor) : null;
    return [
      {
        dedupKey: `${event.id}:${representative}`,
        recipient: representative,
        kind: 'mandate',
        template: 'mandate',
        personalisation: { action, grantor: grantorName ?? grantor },
        link: '/workspace/mandates',
      },
    ];
  };

  // Customer support answered: the person who asked is told, with a direct link to the thread.
  const onSupportReplied = (event: EventEnvelope, data: SupportRepliedData): NotificationInput[] => {
    if (!data.recipient || parseParty(data.recipient)?.kind !== 'person') return [];
    return [
      {
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
      },
    ];
  };

  // An event that does not say what its type promises has nobody to tell (and retrying will not change it).
  const notificationsOf = async (event: EventEnvelope): Promise<NotificationInput[]> => {
    if (event.type === STATUS_CHANGED && Value.Check(StatusChangedData, event.data)) return onStatusChanged(event, event.data);
    if (event.type === MANDATE_GRANTED && Value.Check(MandateData, event.data)) return onMandate(event, event.data, 'granted');
    if (event.type === MANDATE_REVOKED && Value.Check(MandateData, event.data)) return onMandate(event, event.data, 'revoked');
    if (event.type === SUPPORT_REPLIED && Value.Check(SupportRepliedData, event.data)) return onSupportReplied(event, event.data);
    return [];
  };

  // The notifications first, in one transaction; the notices that are sent at once after them.
  const handleEvents = async (events: EventEnvelope[]): Promise<void> => {
    const inputs: NotificationInput[] = [];
    for (const event of events) inputs.push(...(await notificationsOf(event)));
    if (inputs.length > 0) await deps.notifyAll(inputs);
    for (const event of events) {
      if (event.type === WEBHOOK_DISABLED && Value.Check(WebhookDisabledData, event.data)) await deps.webhookDisabled?.(event, event.data);
    }
  };

  return { handleEvent: (event) => handleEvents([event]), handleEvents };
}
