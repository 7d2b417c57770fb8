/**
 * The rules of notification preferences: defaults, the person's choices, where
 * a notification of a kind reaches them now (the delivery plan), confirming
 * e-mail and phone before use, and push devices. Tested without HTTP; the
 * clock is injectable so expiry and quiet hours are tested without waiting.
 */
import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import { inTransaction } from '../../platform/db/database.js';
import { normalisePersonalCode } from '../access/index.js';
import type { IdentityService } from '../identity/index.js';
import * as errors from './preferences.errors.js';
import * as repo from './preferences.repo.js';
import type { Db, SettingsRow } from './preferences.repo.js';
import { formatTimeOfDay, parseTimeOfDay, quietUntil, type QuietHours } from './quiet-hours.js';
import { isUuid } from '../../platform/db/ids.js';
import {
  CHANNELS,
  NOTIFICATION_KINDS,
  type Channel,
  type DeliveryPlan,
  type DeliveryTarget,
  type Language,
  type NotificationKind,
  type Preferences,
  type PreferencesChange,
  type PushSubscriptionJson,
} from './preferences.schemas.js';

/** A confirmation message to send: a link for e-mail, a code for SMS. */
export interface ConfirmationMessage {
  personalCode: string;
  channel: 'email' | 'sms';
  address: string;
  language: Language;
  name: string | null;
  link?: string;
  code?: string;
  /** what the message is for: confirming an address for notifications (the default), confirming a visitor's question to customer support, or customer support's reply to a visitor (`text`) */
  purpose?: 'notifications' | 'support' | 'support_reply';
  /** the reply of customer support to a visitor, who has no workspace inbox */
  text?: string;
}

/** Sends confirmation messages (the notifications core provides the real one). */
export interface ConfirmationSender {
  send(message: ConfirmationMessage): Promise<void>;
}

export interface PreferencesService {
  /** where a notification of this kind reaches the person now: inbox is implied and always on; only confirmed addresses; notBefore = deferred by quiet hours (SMS and push) */
  deliveryPlan(personalCode: string, kind: NotificationKind, at: Date): Promise<DeliveryPlan>;
  /** the person's preferences, defaults filled in */
  get(personalCode: string): Promise<Preferences>;
  update(personalCode: string, change: PreferencesChange): Promise<Preferences>;
  /** sends a single-use confirmation link to a new e-mail address; the address is used once the link is followed */
  requestEmail(personalCode: string, address: string): Promise<void>;
  /** the address a link's token would confirm, without using it (the page asks before confirming) */
  peekEmailToken(personalCode: string, token: string): Promise<string>;
  confirmEmail(personalCode: string, token: string): Promise<string>;
  /** sends a 6-digit code to a phone; the phone is used once the code is entered */
  requestPhone(personalCode: string, phone: string): Promise<string>;
  confirmPhone(personalCode: string, code: string): Promise<string>;
  removePhone(personalCode: string): Promise<void>;
  addPushSubscription(personalCode: string, subscription: unknown, userAgent: string | null): Promise<void>;
  removePushSubscription(personalCode: string, id: string): Promise<void>;
  /** the VAPID public key for the browser's subscribe call; undefined when push is not offered */
  vapidPublicKey(): Promise<string | undefined>;
}

export interface PreferencesServiceOptions {
  identity: Pick<IdentityService, 'findPersonByCode'>;
  sender: ConfirmationSender;
  /** where the confirmation link leads (PUBLIC_URL) */
  publicUrl: string;
  vapidPublicKey?: () => Promise<string>;
  now: () => Date;
}

export const EMAIL_LINK_TTL_MS = 24 * 60 * 60 * 1000;
export const PHONE_CODE_TTL_MS = 15 * 60 * 1000;
export const MAX_CODE_ATTEMPTS = 5;
/** confirmation messages a person may ask for per hour: enough for typos, too few to spam someone */
export const MAX_REQUESTS_PER_HOUR = 5;
/** channels that wait out quiet hours: they wake people up; e-mail and e-address do not */
const QUIET_CHANNELS: readonly Channel[] = ['sms', 'push'];

const DEFAULT_CHANNELS: readonly Channel[] = ['email'];

const sha256 = (text: string): string => createHash('sha256').update(text).digest('base64url');

/** `DDMMYY-NNNNN`, the form every module keys persons by; throws when it is not a personal code. */
export function personKey(personalCode: string): string {
  const key = normalisePersonalCode(personalCode);
  if (!key) throw errors.invalidPersonalCode();
  return key;
}

const EMAIL = /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"]+\.[^\s@<>()[\]\\,;:"]{2,}$/;

export function normaliseEmail(value: string): string {
  const email = value.trim();
  if (email.length > 254 || !EMAIL.test(email)) throw errors.invalidEmail();
  return email;
}

/** E.164: Latvian numbers may be written without the country code (8 digits starting with 2 or 6). */
export function normalisePhone(value: string): string {
  const compact = value.replace(/[\s().-]/g, '').replace(/^00/, '+');
  const phone = /^[26]\d{7}$/.test(compact) ? `+371${compact}` : compact;
  if (!/^\+[1-9]\d{7,14}$/.test(phone)) throw errors.invalidPhone();
  return phone;
}

function quietOf(row: SettingsRow | undefined): QuietHours | null {
  return row && row.quiet_from !== null && row.quiet_until !== null ? { from: row.quiet_from, until: row.quiet_until } : null;
}

function channelsOf(row: SettingsRow | undefined, kind: NotificationKind): Channel[] {
  const chosen = row?.channels[kind];
  return Array.isArray(chosen) ? chosen.filter((channel) => CHANNELS.includes(channel)) : [...DEFAULT_CHANNELS];
}

function isPushSubscription(value: unknown): value is PushSubscriptionJson {
  if (!value || typeof value !== 'object') return false;
  const { endpoint, keys } = value as Record<string, unknown>;
  if (typeof endpoint !== 'string' || endpoint.length > 2000 || !/^https:\/\/[^\s]+$/.test(endpoint)) return false;
  if (!keys || typeof keys !== 'object') return false;
  const { p256dh, auth } = keys as Record<string, unknown>;
  const key = (k: unknown): boolean => typeof k === 'string' && /^[A-Za-z0-9_=-]{8,200}$/.test(k);
  return key(p256dh) && key(auth);
}

export function createPreferencesService(root: Db, options: PreferencesServiceOptions): PreferencesService {
  const { identity, sender, now } = options;

  async function contacts(personalCode: string): Promise<{ email: string | null; phone: string | null; name: string | null }> {
    const [own, person] = await Promise.all([repo.addresses(root, personalCode), identity.findPersonByCode(personalCode)]);
    // A verified e-mail of the identity record serves until the person confirms one of their own.
    const identityEmail = person?.emailVerified && person.email ? person.email : null;
    return { email: own.email ?? identityEmail, phone: own.sms ?? null, name: person ? `${person.givenName} ${person.familyName}` : null };
  }

  async function view(personalCode: string): Promise<Preferences> {
    const at = now();
    const [settings, found, pendingEmail, pendingPhone, devices] = await Promise.all([
      repo.findSettings(root, personalCode),
      contacts(personalCode),
      repo.openConfirmation(root, personalCode, 'email', at),
      repo.openConfirmation(root, personalCode, 'sms', at),
      repo.pushSubscriptions(root, personalCode),
    ]);
    const quiet = quietOf(settings);
    return {
      language: settings?.language ?? 'lv',
      channels: Object.fromEntries(NOTIFICATION_KINDS.map((kind) => [kind, channelsOf(settings, kind)])) as Record<NotificationKind, Channel[]>,
      quietHours: quiet ? { from: formatTimeOfDay(quiet.from), until: formatTimeOfDay(quiet.until) } : null,
      email: found.email,
      pendingEmail: pendingEmail?.address ?? null,
      phone: found.phone,
      pendingPhone: pendingPhone && pendingPhone.attempts < MAX_CODE_ATTEMPTS ? pendingPhone.address : null,
      pushDevices: devices.map((device) => ({ id: device.id, userAgent: device.userAgent, createdAt: device.createdAt.toISOString() })),
      eAddress: personalCode,
    };
  }

  /** Refuses a flood of confirmation messages, then opens a new confirmation in place of older ones. */
  async function openNew(personalCode: string, channel: 'email' | 'sms', address: string, secretHash: string, ttl: number): Promise<string> {
    const at = now();
    return inTransaction(root, async (trx) => {
      if ((await repo.countConfirmationsSince(trx, personalCode, new Date(at.getTime() - 60 * 60 * 1000))) >= MAX_REQUESTS_PER_HOUR) throw errors.tooManyRequests();
      await repo.closeConfirmations(trx, personalCode, channel, at);
      return repo.insertConfirmation(trx, { personal_code: personalCode, channel, address, secret_hash: secretHash, created_at: at, expires_at: new Date(at.getTime() + ttl) });
    });
  }

  /** The open e-mail confirmation of this person whose token this is; anything else is the same "not valid". */
  async function emailConfirmation(db: Db, personalCode: string, token: string): Promise<repo.ConfirmationRow> {
    if (typeof token !== 'string' || token.length < 20 || token.length > 100) throw errors.confirmationInvalid();
    const row = await repo.confirmationBySecret(db, sha256(token));
    if (!row || row.channel !== 'email' || row.personal_code !== personalCode || row.used_at || row.expires_at <= now()) throw errors.confirmationInvalid();
    return row;
  }

  const confirmPath = (language: Language): string => `${language === 'en' ? '/en' : ''}/workspace/settings/notifications/email/confirm`;

  return {
    async deliveryPlan(personalCode, kind, at) {
      const key = personKey(personalCode);
      const [settings, found, devices] = await Promise.all([repo.findSettings(root, key), contacts(key), repo.pushSubscriptions(root, key)]);
      const wanted = new Set(channelsOf(settings, kind));
      const waitUntil = quietUntil(at, quietOf(settings));
      const targets: DeliveryTarget[] = [];
      const add = (channel: Channel, address: string): void => {
        targets.push(waitUntil && QUIET_CHANNELS.includes(channel) ? { channel, address, notBefore: waitUntil } : { channel, address });
      };
      if (wanted.has('email') && found.email) add('email', found.email);
      if (wanted.has('sms') && found.phone) add('sms', found.phone);
      // The subscription as the browser gave it (jsonb keeps no key order), ready for web-push.
      if (wanted.has('push')) for (const { subscription: s } of devices) add('push', JSON.stringify({ endpoint: s.endpoint, keys: { p256dh: s.keys.p256dh, auth: s.keys.auth } }));
      if (wanted.has('eaddress')) add('eaddress', key);
      return { language: settings?.language ?? 'lv', name: found.name, targets };
    },

    get: (personalCode) => view(personKey(personalCode)),

    async update(personalCode, change) {
      const key = personKey(personalCode);
      await inTransaction(root, async (trx) => {
        const current = await repo.findSettings(trx, key);
        const row: SettingsRow = { language: current?.language ?? 'lv', channels: { ...(current?.channels ?? {}) }, quiet_from: current?.quiet_from ?? null, quiet_until: current?.quiet_until ?? null };
        if (change.language !== undefined) row.language = change.language;
        for (const kind of NOTIFICATION_KINDS) {
          const chosen = change.channels?.[kind];
          if (chosen) row.channels[kind] = CHANNELS.filter((channel) => chosen.includes(channel));
        }
        if (change.quietHours === null) {
          row.quiet_from = null;
          row.quiet_until = null;
        } else if (change.quietHours !== undefined) {
          const from = parseTimeOfDay(change.quietHours.from);
          const until = parseTimeOfDay(change.quietHours.until);
          if (from === undefined) throw errors.invalidQuietHours('#/quietHours/from');
          if (until === undefined || until === from) throw errors.invalidQuietHours('#/quietHours/until');
          row.quiet_from = from;
          row.quiet_until = until;
        }
        await repo.saveSettings(trx, key, row);
      });
      return view(key);
    },

    async requestEmail(personalCode, address) {
      const key = personKey(personalCode);
      const email = normaliseEmail(address);
      const token = randomBytes(32).toString('base64url');
      await openNew(key, 'email', email, sha256(token), EMAIL_LINK_TTL_MS);
      const [settings, found] = await Promise.all([repo.findSettings(root, key), contacts(key)]);
      const language = settings?.language ?? 'lv';
      const link = `${options.publicUrl}${confirmPath(language)}?token=${token}`;
      await sender.send({ personalCode: key, channel: 'email', address: email, language, name: found.name, link });
    },

    async peekEmailToken(personalCode, token) {
      return (await emailConfirmation(root, personKey(personalCode), token)).address;
    },

    async confirmEmail(personalCode, token) {
      const key = personKey(personalCode);
      return inTransaction(root, async (trx) => {
        const row = await emailConfirmation(trx, key, token);
        const at = now();
        await repo.markUsed(trx, row.id, at);
        await repo.saveAddress(trx, key, 'email', row.address, at);
        return row.address;
      });
    },

    async requestPhone(personalCode, phone) {
      const key = personKey(personalCode);
      const number = normalisePhone(phone);
      const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
      // The code alone is too small to be unique: it is hashed with a random salt kept beside it.
      const salt = randomBytes(16).toString('base64url');
      const id = await openNew(key, 'sms', number, `${salt}.${sha256(`${salt}:${code}`)}`, PHONE_CODE_TTL_MS);
      const [settings, found] = await Promise.all([repo.findSettings(root, key), contacts(key)]);
      await sender.send({ personalCode: key, channel: 'sms', address: number, language: settings?.language ?? 'lv', name: found.name, code });
      return id;
    },

    async confirmPhone(personalCode, code) {
      const key = personKey(personalCode);
      const entered = String(code ?? '').replace(/\s/g, '');
      const outcome = await inTransaction(root, async (trx) => {
        const open = await repo.openConfirmation(trx, key, 'sms', now());
        const row = open ? await repo.confirmationById(trx, open.id) : undefined;
        if (!row || row.used_at) throw errors.confirmationInvalid();
        if (row.attempts >= MAX_CODE_ATTEMPTS) throw errors.attemptsExhausted();
        const [salt = '', hash = ''] = row.secret_hash.split('.');
        const expected = Buffer.from(hash);
        const given = Buffer.from(sha256(`${salt}:${entered}`));
        if (!/^\d{6}$/.test(entered) || given.length !== expected.length || !timingSafeEqual(given, expected)) {
          // The attempt counts even though the answer is "wrong": it must survive this transaction.
          await repo.countAttempt(trx, row.id);
          return { confirmed: undefined, wrong: MAX_CODE_ATTEMPTS - row.attempts - 1 };
        }
        const at = now();
        await repo.markUsed(trx, row.id, at);
        await repo.saveAddress(trx, key, 'sms', row.address, at);
        return { confirmed: row.address, wrong: 0 };
      });
      if (outcome.confirmed !== undefined) return outcome.confirmed;
      if (outcome.wrong <= 0) throw errors.attemptsExhausted();
      throw errors.wrongCode(outcome.wrong);
    },

    async removePhone(personalCode) {
      const key = personKey(personalCode);
      await inTransaction(root, async (trx) => {
        await repo.deleteAddress(trx, key, 'sms');
        await repo.closeConfirmations(trx, key, 'sms', now());
      });
    },

    async addPushSubscription(personalCode, subscription, userAgent) {
      if (!isPushSubscription(subscription)) throw errors.invalidSubscription();
      const { endpoint, keys } = subscription;
      await repo.savePushSubscription(root, personKey(personalCode), { endpoint, keys: { p256dh: keys.p256dh, auth: keys.auth } }, userAgent ? userAgent.slice(0, 300) : null);
    },

    async removePushSubscription(personalCode, id) {
      const uuid = isUuid(id);
      if (!uuid || !(await repo.deletePushSubscription(root, personKey(personalCode), id))) throw errors.deviceNotFound();
    },

    async vapidPublicKey() {
      return options.vapidPublicKey ? options.vapidPublicKey() : undefined;
    },
  };
}

/** The development sink: records each message in the module's table, where tests and developers read the link or code. */
export function databaseConfirmationSink(db: Db): ConfirmationSender {
  return {
    async send(message) {
      await repo.recordDevConfirmation(db, {
        personal_code: message.personalCode,
        channel: message.channel,
        address: message.address,
        language: message.language,
        link: message.link ?? null,
        code: message.code ?? null,
      });
    },
  };
}
