/** The notifications module's types and its API's request and response schemas (also the OpenAPI document). */
import { Type, type Static } from '@sinclair/typebox';

import { NOTIFICATION_KINDS, CHANNELS as TARGET_CHANNELS, type Channel, type DeliveryPlan, type Language, type NotificationKind } from '../preferences/index.js';

// Kinds, languages, targets and plans are the preferences module's words: it decides where each kind goes.
export type { DeliveryPlan, DeliveryTarget, Language, NotificationKind } from '../preferences/index.js';
export const KINDS = NOTIFICATION_KINDS;
export const CHANNELS = ['inbox', ...TARGET_CHANNELS] as const;
export type TargetChannel = Channel;
export type ChannelName = 'inbox' | TargetChannel;
export const DELIVERY_STATUSES = ['queued', 'sending', 'retrying', 'sent', 'delivered', 'kept', 'failed'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/** What the preferences module answers; the inbox is implied and always on. */
export interface DeliveryPlanner {
  deliveryPlan(personalCode: string, kind: NotificationKind, at: Date): Promise<DeliveryPlan>;
}

/** A notification to create: one recipient, one de-duplication key. */
export interface NotificationInput {
  /** the same key never makes a second notification */
  dedupKey: string;
  recipient: string;
  kind: NotificationKind;
  /** a built-in template name (a kind); an institution's override for `serviceId` takes precedence */
  template: NotificationKind;
  personalisation: Record<string, string>;
  serviceId?: string | null;
  applicationId?: string | null;
  institutionId?: string | null;
  /** a path on the platform (`/workspace/applications/2026-000123`) or an absolute URL */
  link?: string | null;
  clientId?: string | null;
  reference?: string | null;
}

export interface Rendered {
  subject: string;
  text: string;
  html: string;
  short: string;
}

export const PersonalCode = Type.String({ pattern: '^\\d{6}-?\\d{5}$', description: 'Latvian personal code, DDMMYY-NNNNN' });

export const SendNotificationInput = Type.Object(
  {
    recipient: Type.Object({ personalCode: PersonalCode }, { additionalProperties: false }),
    template: Type.Union(
      KINDS.map((kind) => Type.Literal(kind)),
      { description: 'the kind of notification: `message` (subject + body of your own) or a kind with the platform’s wording (`status`, `result`, `request`, …); with `applicationId`, your service’s own wording is used when set' },
    ),
    personalisation: Type.Record(Type.String({ pattern: '^[A-Za-z][A-Za-z0-9_]{0,39}(:(lv|en))?$' }), Type.String({ maxLength: 4000 }), {
      maxProperties: 30,
      description: 'values for the template’s placeholders; `key:lv` / `key:en` give a value for one language (e.g. `body:en`)',
    }),
    reference: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: 'your idempotency key: a repeated reference returns the same notification and sends nothing more' })),
    applicationId: Type.Optional(Type.String({ maxLength: 64, description: 'an application of your institution (id or number): links the message to it' })),
  },
  { additionalProperties: false, $id: 'SendNotificationInput' },
);
export type SendNotificationInput = Static<typeof SendNotificationInput>;

export const DeliverySchema = Type.Object(
  {
    channel: Type.Union(CHANNELS.map((channel) => Type.Literal(channel))),
    status: Type.Union(DELIVERY_STATUSES.map((status) => Type.Literal(status)), {
      description: 'queued, sending, retrying (after a failed attempt: doubling waits up to NOTIFICATIONS_RETRY_MAX_SECONDS, for NOTIFICATIONS_RETRY_HOURS; at once when the channel answers again after an outage), sent (handed to the provider), delivered, kept (held by a development sink: SMS_URL unset, no e-address adapter; nobody received it), failed (refused for good, or still failing after NOTIFICATIONS_RETRY_HOURS: see error)',
    }),
    attempts: Type.Integer(),
    error: Type.Union([Type.String(), Type.Null()]),
    notBefore: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
    sentAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
    updatedAt: Type.String({ format: 'date-time' }),
  },
  { $id: 'NotificationDelivery' },
);
export type DeliveryView = Static<typeof DeliverySchema>;

export const NotificationStatusSchema = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    reference: Type.Union([Type.String(), Type.Null()]),
    template: Type.String(),
    language: Type.Union([Type.Literal('lv'), Type.Literal('en')]),
    applicationId: Type.Union([Type.String(), Type.Null()]),
    createdAt: Type.String({ format: 'date-time' }),
    deliveries: Type.Array(Type.Ref('NotificationDelivery')),
  },
  { $id: 'NotificationStatus' },
);
export type NotificationStatus = Static<typeof NotificationStatusSchema>;

export const InboxItemSchema = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    kind: Type.String(),
    subject: Type.String(),
    text: Type.String(),
    link: Type.Union([Type.String(), Type.Null()]),
    applicationId: Type.Union([Type.String(), Type.Null()]),
    createdAt: Type.String({ format: 'date-time' }),
    readAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  },
  { $id: 'InboxItem' },
);
export type InboxItem = Static<typeof InboxItemSchema>;

export interface InboxPage {
  items: InboxItem[];
  total: number;
  unread: number;
  limit: number;
  offset: number;
}

/** An institution's wording of one kind of notification in one language (ICU messages). */
export interface TemplateText {
  subject: string;
  body: string;
  short: string;
}

export interface FailedDelivery {
  deliveryId: string;
  notificationId: string;
  channel: ChannelName;
  recipient: string;
  attempts: number;
  error: string | null;
  updatedAt: string;
}

export interface ChannelCounts {
  channel: ChannelName;
  status: DeliveryStatus;
  count: number;
}

/** The notifications an institution's staff may see: sent by its system or about its services (null: all, for the platform's staff). */
export interface NotificationScope {
  institutionId: string;
  serviceIds: string[];
}

/** One delivery as the console shows it. */
export interface DeliveryLogEntry {
  id: string;
  channel: ChannelName;
  status: DeliveryStatus;
  attempts: number;
  error: string | null;
  notBefore: string | null;
  /** when the last attempt began */
  lastAttemptAt: string | null;
  /** when the first began: retries go on for NOTIFICATIONS_RETRY_HOURS from it */
  firstAttemptAt: string | null;
  sentAt: string | null;
  updatedAt: string;
}

/** A notification with its deliveries, for the console. */
export interface NotificationLogItem {
  id: string;
  recipient: string;
  kind: NotificationKind;
  subject: string;
  language: Language;
  applicationId: string | null;
  serviceId: string | null;
  institutionId: string | null;
  createdAt: string;
  readAt: string | null;
  deliveries: DeliveryLogEntry[];
}

export interface NotificationLogPage {
  items: NotificationLogItem[];
  total: number;
  limit: number;
  offset: number;
}
