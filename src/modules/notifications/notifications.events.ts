/**
 * What the notifications module makes of other modules' events: a status
 * change, a request for information or a result of an application notifies
 * the applicant and whoever submitted it for them; a mandate granted or
 * revoked notifies the representative. Each (event, recipient) has one key, so
 * an event handed out twice notifies nobody twice.
 */
import { AppError } from '../../platform/errors.js';
import type { Principal } from '../../platform/http/auth.js';
import type { RelayedEvent } from '../../platform/jobs/relay.js';
import { parseParty } from '../access/index.js';
import { FINAL_CODES, type ApplicationView, type StatusCode } from '../applications/index.js';
import type { Language, NotificationInput, NotificationKind } from './notifications.schemas.js';
import { formatDate } from './templates.js';

/** The part of the applications service this module reads. */
export interface ApplicationLookup {
  getApplication(principal: Principal, ref: string): Promise<ApplicationView>;
  statusLabels(institutionId: string): Promise<Record<StatusCode, { lv: string; en: string }>>;
}

export interface EventDeps {
  notify(input: NotificationInput): Promise<unknown>;
  applications: ApplicationLookup;
  /** a person's name by personal code (null: unknown) */
  personName(personalCode: string): Promise<string | null>;
}

export const STATUS_CHANGED = 'applications.status_changed';
export const MANDATE_GRANTED = 'access.mandate_granted';
export const MANDATE_REVOKED = 'access.mandate_revoked';

export function kindOfStatus(code: string): NotificationKind {
  if (code === 'awaiting_client') return 'request';
  if (code === 'decided' || code === 'delivered' || code === 'rejected') return 'result';
  return 'status';
}

/** The platform reads an application as the institution that holds it would. */
const institutionSystem = (institutionId: string): Principal => ({ subject: 'platform:notifications', kind: 'system', via: 'token', institutionId, roles: [], scopes: [] });

const text = (value: unknown): string => (typeof value === 'string' ? value : '');

/** Personalisation of an application notification, in both languages. */
export function applicationValues(app: ApplicationView, label: { lv: string; en: string }, final: boolean): Record<string, string> {
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

export function createEventHandler(deps: EventDeps): (event: RelayedEvent) => Promise<void> {
  const onStatusChanged = async (event: RelayedEvent): Promise<void> => {
    const applicationId = text(event.payload.applicationId);
    const institutionId = text(event.payload.institutionId);
    const code = text(event.payload.code) as StatusCode;
    if (!applicationId || !institutionId || !code) return;
    let app: ApplicationView;
    try {
      app = await deps.applications.getApplication(institutionSystem(institutionId), applicationId);
    } catch (error) {
      // An application that is gone (or never was) has nobody to tell.
      if (error instanceof AppError && error.kind === 'not_found') return;
      throw error;
    }
    const labels = await deps.applications.statusLabels(app.institutionId);
    const kind = kindOfStatus(code);
    const personalisation: Record<string, string> = {
      ...applicationValues(app, labels[code] ?? { lv: code, en: code }, FINAL_CODES.includes(code)),
      note: text(event.payload.noteForApplicant),
      awaiting: text(event.payload.awaiting),
    };
    // The applicant, and the representative who submitted it for them (they follow what they handle).
    const recipients = new Set<string>();
    if (app.applicantKind === 'person') recipients.add(app.applicant);
    if (app.submittedBy && parseParty(app.submittedBy)?.kind === 'person') recipients.add(app.submittedBy);
    for (const recipient of recipients) {
      await deps.notify({
        dedupKey: `${event.key}:${recipient}`,
        recipient,
        kind,
        template: kind,
        personalisation,
        serviceId: app.serviceId,
        applicationId: app.id,
        institutionId: app.institutionId,
        link: app.link,
      });
    }
  };

  const onMandate = async (event: RelayedEvent, action: 'granted' | 'revoked'): Promise<void> => {
    const representative = text(event.payload.representative);
    const grantor = text(event.payload.grantor);
    if (!representative || parseParty(representative)?.kind !== 'person') return;
    const grantorName = text(event.payload.grantorKind) === 'person' ? await deps.personName(grantor) : null;
    await deps.notify({
      dedupKey: `${event.key}:${representative}`,
      recipient: representative,
      kind: 'mandate',
      template: 'mandate',
      personalisation: { action, grantor: grantorName ?? grantor },
      link: '/workspace/mandates',
    });
  };

  return async (event) => {
    if (event.topic === STATUS_CHANGED) return onStatusChanged(event);
    if (event.topic === MANDATE_GRANTED) return onMandate(event, 'granted');
    if (event.topic === MANDATE_REVOKED) return onMandate(event, 'revoked');
  };
}
