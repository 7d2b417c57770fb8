/**
 * The nouns of notification preferences (kinds, channels, the delivery plan)
 * and the API's request/response schemas. TypeBox is the one source of
 * validation, TypeScript types and the OpenAPI document.
 */
import { Type, type Static } from '@sinclair/typebox';

/** What a notification is about; each kind has its own channel choices. */
export type NotificationKind = 'status' | 'result' | 'request' | 'mandate' | 'support' | 'offer' | 'message';
export const NOTIFICATION_KINDS: readonly NotificationKind[] = ['status', 'result', 'request', 'mandate', 'support', 'offer', 'message'];

/** Channels a person may switch on per kind; the workspace inbox is always on and is not among them. */
export type Channel = 'email' | 'sms' | 'push' | 'eaddress';
export const CHANNELS: readonly Channel[] = ['email', 'sms', 'push', 'eaddress'];

export type Language = 'lv' | 'en';

export interface DeliveryTarget {
  channel: Channel;
  /** e-mail address, phone (E.164), the push subscription as JSON, or the e-address id (the personal code) */
  address: string;
  /** SMS and push during quiet hours: not to be sent before the end of them */
  notBefore?: Date;
}

export interface DeliveryPlan {
  language: Language;
  /** the person's name as identity knows it, for "Labdien, …" */
  name: string | null;
  /** where it goes besides the inbox (which is implied and always on) */
  targets: DeliveryTarget[];
}

export interface QuietHoursText {
  /** HH:MM, Latvian time */
  from: string;
  until: string;
}

export interface PushDevice {
  id: string;
  userAgent: string | null;
  createdAt: string;
}

/** A person's preferences as the page and the API show them. */
export interface Preferences {
  language: Language;
  /** the channels on for each kind (defaults filled in) */
  channels: Record<NotificationKind, Channel[]>;
  quietHours: QuietHoursText | null;
  /** the confirmed e-mail in use (the identity record's verified one unless the person confirmed another) */
  email: string | null;
  /** an e-mail address waiting for its link to be followed */
  pendingEmail: string | null;
  /** the confirmed phone in use */
  phone: string | null;
  /** a phone number waiting for its code */
  pendingPhone: string | null;
  pushDevices: PushDevice[];
  /** the person's official e-address (their personal code) */
  eAddress: string;
}

export interface PreferencesChange {
  language?: Language;
  /** kinds given replace their channels; kinds left out keep theirs */
  channels?: Partial<Record<NotificationKind, Channel[]>>;
  /** null: no quiet hours */
  quietHours?: QuietHoursText | null;
}

/** The browser's PushSubscription.toJSON(). */
export interface PushSubscriptionJson {
  endpoint: string;
  expirationTime?: number | null;
  keys: { p256dh: string; auth: string };
}

// ---- API schemas ----


const ChannelSchema = Type.Union(CHANNELS.map((channel) => Type.Literal(channel)));
const LanguageSchema = Type.Union([Type.Literal('lv'), Type.Literal('en')]);
const ChannelList = Type.Array(ChannelSchema, { uniqueItems: true, maxItems: CHANNELS.length });
const TimeOfDay = Type.String({ pattern: '^([01]?\\d|2[0-3]):[0-5]\\d$', examples: ['22:00'] });
const QuietHoursSchema = Type.Object({ from: TimeOfDay, until: TimeOfDay }, { additionalProperties: false, description: 'Latvian time (Europe/Riga); SMS and push wait until `until`' });
const channelsOf = (optional: boolean) =>
  Type.Object(Object.fromEntries(NOTIFICATION_KINDS.map((kind) => [kind, optional ? Type.Optional(ChannelList) : ChannelList])), {
    additionalProperties: false,
    description: 'channels per kind of notification; the workspace inbox is always on and not listed',
  });

export const PreferencesSchema = Type.Object(
  {
    language: LanguageSchema,
    channels: channelsOf(false),
    quietHours: Type.Union([QuietHoursSchema, Type.Null()]),
    email: Type.Union([Type.String(), Type.Null()], { description: 'the confirmed e-mail in use' }),
    pendingEmail: Type.Union([Type.String(), Type.Null()], { description: 'waiting for its confirmation link to be followed' }),
    phone: Type.Union([Type.String(), Type.Null()], { description: 'the confirmed phone in use (E.164)' }),
    pendingPhone: Type.Union([Type.String(), Type.Null()]),
    pushDevices: Type.Array(Type.Object({ id: Type.String({ format: 'uuid' }), userAgent: Type.Union([Type.String(), Type.Null()]), createdAt: Type.String({ format: 'date-time' }) })),
    eAddress: Type.String({ description: 'the official e-address the platform delivers to' }),
  },
  { $id: 'NotificationPreferences' },
);

export const PreferencesInput = Type.Object(
  {
    language: Type.Optional(LanguageSchema),
    channels: Type.Optional(channelsOf(true)),
    quietHours: Type.Optional(Type.Union([QuietHoursSchema, Type.Null()])),
  },
  { $id: 'NotificationPreferencesInput', additionalProperties: false, description: 'what is given replaces; what is left out stays' },
);
export type PreferencesInput = Static<typeof PreferencesInput>;

