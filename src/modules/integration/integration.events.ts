/**
 * The events integration publishes on the platform's outbox, in the
 * transaction of the change: a webhook disabled after its deliveries kept
 * failing (the notifications module e-mails the client's contacts, which the
 * event carries, so it never asks back).
 */
import { Type, type Static } from '@sinclair/typebox';
import type { EventEnvelope } from '../../platform/jobs/outbox.js';

export const INTEGRATION_SOURCE = '/integration';
export const WEBHOOK_DISABLED = 'integration.webhook_disabled';

export const WebhookDisabledData = Type.Object({
  webhookId: Type.String(),
  /** the OAuth client that owns the webhook */
  clientId: Type.String(),
  url: Type.String(),
  reason: Type.String(),
  /** e-mail addresses of the client's contacts (none for clients registered by hand) */
  contacts: Type.Array(Type.String()),
});
export type WebhookDisabledData = Static<typeof WebhookDisabledData>;
export type WebhookDisabledEvent = EventEnvelope<typeof WEBHOOK_DISABLED, WebhookDisabledData>;
