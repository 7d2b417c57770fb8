/**
 * Notices to an API client's contacts (issue #14): when integration disables
 * a webhook after its deliveries kept failing, each contact address the event
 * carries gets an e-mail, in Latvian and English in one message (a client's
 * contacts have no language preference). Sent at once through the mailer; the
 * key comes from the event and the address, so a redelivered event keeps one
 * message per address in the mail outbox.
 */
import { createHash } from 'node:crypto';
import type { EventEnvelope } from '../../platform/jobs/outbox.js';
import type { WebhookDisabledData } from '../integration/index.js';
import type { Mailer } from './channels.js';
import { messageIdFor } from './delivery.service.js';
import { render } from './templates.js';

const WEBHOOK_DISABLED_TEXT = {
  subject: 'Webhooks atslēgts / Webhook disabled: {url}',
  body:
    'Labdien!\n\nPlatforma Pakalpojumi atslēdza API klienta {clientId} webhooku {url}, jo piegādes tam ilgstoši neizdevās.\nIemesls: {reason}\n\nKad adrese atkal darbojas, ieslēdziet webhooku (POST /api/v1/webhooks/{webhookId}/enable): neizdevušās piegādes tiks nosūtītas vēlreiz.\n\n---\n\n' +
    'Hello,\n\nThe Pakalpojumi platform disabled the webhook {url} of the API client {clientId}, because deliveries to it kept failing.\nReason: {reason}\n\nOnce the endpoint works again, enable the webhook (POST /api/v1/webhooks/{webhookId}/enable): what failed is sent again.',
  short: '',
};

/** A stable UUID for (event, address): the mail outbox's key. */
function keyOf(eventId: string, address: string): string {
  const hex = createHash('sha256').update(`${eventId}\n${address.toLowerCase()}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

export function webhookDisabledNotice(deps: { mailer: Mailer; publicUrl: string }): (event: EventEnvelope, data: WebhookDisabledData) => Promise<void> {
  return async (event, data) => {
    const rendered = render(WEBHOOK_DISABLED_TEXT, 'lv', { greeting: ' ', clientId: data.clientId, url: data.url, reason: data.reason, webhookId: data.webhookId });
    for (const address of new Set(data.contacts)) {
      const key = keyOf(event.id, address);
      await deps.mailer.sendMail({ key, messageId: messageIdFor(key, deps.publicUrl), to: address, subject: rendered.subject, text: rendered.text, html: rendered.html, language: 'lv' });
    }
  };
}
