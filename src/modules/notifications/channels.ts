/**
 * The channels a notification leaves the platform by, behind one interface:
 * e-mail (nodemailer over SMTP_URL, or the mail outbox when unset), SMS (an
 * HTTP provider at SMS_URL, or a development sink), web push (web-push with the
 * platform's VAPID keys) and the official e-address (an adapter; the
 * development sink until a real one is plugged in). The workspace inbox needs
 * no channel: the notification row is the inbox item.
 *
 * A channel throws PermanentFailure when retrying cannot help, and
 * ChannelUnavailable when its server is down or refuses all work for now; any
 * error but PermanentFailure is retried with backoff by the delivery worker.
 */
import { sql, type Kysely } from 'kysely';
import type { Transporter } from 'nodemailer';
import type { PushSubscription } from 'web-push';
import { ChannelUnavailable, PermanentFailure } from './notifications.errors.js';
import type { NotificationsTables } from './notifications.repo.js';
import type { Language, TargetChannel } from './notifications.schemas.js';

type Db = Kysely<NotificationsTables>;

/**
 * nodemailer and web-push are imported on the first message that needs them, not at start: an idle platform
 * that sends nothing does not hold them (measured: 4.5 MB and 1.4 MB of JavaScript heap after GC, ~35 MB of RSS
 * for both with their compiled code). A failed import is tried again by the next send.
 */
function importedOnDemand<T>(load: () => Promise<T>): () => Promise<T> {
  let loading: Promise<T> | undefined;
  return () => {
    loading ??= load().catch((error: unknown) => {
      loading = undefined;
      throw error;
    });
    return loading;
  };
}

const nodemailer = importedOnDemand(() => import('nodemailer'));
const webPush = importedOnDemand(async () => (await import('web-push')).default);

/** One delivery, rendered and addressed. */
export interface OutgoingMessage {
  deliveryId: string;
  channel: TargetChannel;
  address: string;
  language: Language;
  /** the same for every attempt of this delivery: receivers drop a repeat */
  messageId: string;
  subject: string;
  text: string;
  html: string;
  short: string;
  link: string;
}

export interface SendOutcome {
  /** `kept`: a development sink held it, nobody received it */
  status: 'sent' | 'delivered' | 'kept';
  providerRef?: string;
}

export interface Channel {
  readonly name: TargetChannel;
  send(message: OutgoingMessage): Promise<SendOutcome>;
  close?(): Promise<void>;
}

// ---- e-mail

export interface Mailer {
  /** sends one e-mail (or keeps it in the mail outbox); `key` makes keeping it idempotent */
  sendMail(mail: { key: string; messageId: string; to: string; subject: string; text: string; html?: string; language: Language }): Promise<string | undefined>;
  close(): void;
}

export interface MailerOptions {
  smtpUrl: string | undefined;
  from: string;
  /** bound on connecting and on each SMTP reply, well under the delivery lease */
  timeoutMs: number;
}

/** True for an SMTP reply that says the message will never be accepted (5xx). */
function permanentSmtp(error: unknown): boolean {
  const code = (error as { responseCode?: number }).responseCode;
  return typeof code === 'number' && code >= 500 && code < 600;
}

/**
 * True when the server itself is out, not this message: no SMTP reply at all (refused, reset, timed
 * out, unknown host) or 421, the reply a server gives when it is shutting down or overloaded.
 */
function serverUnavailable(error: unknown): boolean {
  const code = (error as { responseCode?: number }).responseCode;
  return code === undefined || code === 421;
}

/** A nodemailer transport made on the first message: `close` before any message has nothing to close. */
function transportOnDemand(options: Parameters<typeof import('nodemailer').createTransport>[0]): { transport: () => Promise<Transporter>; close: () => void } {
  let made: Transporter | undefined;
  const transport = importedOnDemand(async () => (made = (await nodemailer()).createTransport(options)));
  return { transport, close: () => made?.close() };
}

export function createMailer(db: Db, options: MailerOptions): Mailer {
  if (options.smtpUrl) {
    const smtp = transportOnDemand({
      url: options.smtpUrl,
      pool: true,
      maxConnections: 5,
      maxMessages: 1000,
      connectionTimeout: options.timeoutMs,
      greetingTimeout: options.timeoutMs,
      socketTimeout: options.timeoutMs,
    });
    return {
      async sendMail(mail) {
        const transport = await smtp.transport();
        try {
          const info = await transport.sendMail({
            from: options.from,
            to: mail.to,
            subject: mail.subject,
            text: mail.text,
            ...(mail.html ? { html: mail.html } : {}),
            messageId: mail.messageId,
            headers: { 'Content-Language': mail.language },
          });
          return typeof info.response === 'string' ? info.response.slice(0, 200) : undefined;
        } catch (error) {
          if (permanentSmtp(error)) throw new PermanentFailure(`SMTP refused the message: ${(error as Error).message}`);
          if (serverUnavailable(error)) throw new ChannelUnavailable(`The mail server is unavailable: ${(error as Error).message}`);
          throw error;
        }
      },
      close: smtp.close,
    };
  }
  // No SMTP server: the message is built as it would be sent and kept in the mail outbox.
  const composer = transportOnDemand({ streamTransport: true, buffer: true, newline: 'unix' });
  return {
    async sendMail(mail) {
      const info = await (await composer.transport()).sendMail({
        from: options.from,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        ...(mail.html ? { html: mail.html } : {}),
        messageId: mail.messageId,
        headers: { 'Content-Language': mail.language },
      });
      const raw = Buffer.isBuffer(info.message) ? info.message.toString('utf8') : '';
      await db
        .insertInto('notifications.mail_outbox')
        .values({ delivery_id: mail.key, message_id: mail.messageId, recipient: mail.to, subject: mail.subject, text_body: mail.text, html_body: mail.html ?? '', raw })
        .onConflict((oc) => oc.column('delivery_id').doNothing())
        .execute();
      return 'kept in the mail outbox';
    },
    close: composer.close,
  };
}

export function emailChannel(mailer: Mailer): Channel {
  return {
    name: 'email',
    async send(message) {
      const providerRef = await mailer.sendMail({
        key: message.deliveryId,
        messageId: message.messageId,
        to: message.address,
        subject: message.subject,
        text: message.text,
        html: message.html,
        language: message.language,
      });
      return providerRef ? { status: 'sent', providerRef } : { status: 'sent' };
    },
    close: async () => mailer.close(),
  };
}

// ---- SMS

export interface SmsProvider {
  send(sms: { key: string; to: string; text: string }): Promise<{ providerRef?: string; kept?: boolean }>;
}

/**
 * A provider that takes `POST {url}` with `{ "to", "text", "reference" }` as
 * JSON and an `Idempotency-Key` header (the delivery id): 2xx accepted, 4xx
 * refused for good (but 408/429), anything else retried.
 */
export function httpSmsProvider(url: string, timeoutMs: number): SmsProvider {
  return {
    async send(sms) {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': sms.key },
        body: JSON.stringify({ to: sms.to, text: sms.text, reference: sms.key }),
        signal: AbortSignal.timeout(timeoutMs),
      }).catch((error: unknown) => {
        throw new ChannelUnavailable(`The SMS provider is unreachable: ${error instanceof Error ? error.message : String(error)}`);
      });
      const text = (await response.text()).slice(0, 200);
      if (response.ok) {
        let providerRef: string | undefined;
        try {
          const body = JSON.parse(text) as { id?: unknown };
          if (typeof body.id === 'string') providerRef = body.id;
        } catch {
          // a provider need not answer JSON
        }
        return providerRef ? { providerRef } : {};
      }
      const detail = `SMS provider answered ${response.status}${text ? `: ${text}` : ''}`;
      if (response.status >= 400 && response.status < 500 && response.status !== 408 && response.status !== 429) throw new PermanentFailure(detail);
      if (response.status === 429 || response.status >= 500) throw new ChannelUnavailable(detail);
      throw new Error(detail);
    },
  };
}

/** Development sink: what would have been sent is kept in notifications.sink. */
function sinkWriter(db: Db, channel: TargetChannel) {
  return async (key: string, address: string, payload: Record<string, unknown>): Promise<void> => {
    await db.insertInto('notifications.sink').values({ delivery_id: key, channel, address, payload: sql`${JSON.stringify(payload)}::jsonb` }).onConflict((oc) => oc.column('delivery_id').doNothing()).execute();
  };
}

export function smsSink(db: Db): SmsProvider {
  const write = sinkWriter(db, 'sms');
  return {
    async send(sms) {
      await write(sms.key, sms.to, { text: sms.text });
      return { kept: true };
    },
  };
}

export function smsChannel(provider: SmsProvider): Channel {
  return {
    name: 'sms',
    async send(message) {
      const result = await provider.send({ key: message.deliveryId, to: message.address, text: message.short });
      if (result.kept) return { status: 'kept' };
      return result.providerRef ? { status: 'sent', providerRef: result.providerRef } : { status: 'sent' };
    },
  };
}

// ---- web push

export interface VapidKeys {
  publicKey: string;
  privateKey: string;
}

/** The VAPID key pair: made by the first instance that starts, then shared through the database. */
export async function loadVapidKeys(db: Db): Promise<VapidKeys> {
  const kept = await storedVapidKeys(db);
  if (kept) return kept;
  const generated = (await webPush()).generateVAPIDKeys();
  await db
    .insertInto('notifications.settings')
    .values({ key: 'vapid', value: sql`${JSON.stringify(generated)}::jsonb` })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
  // Another instance starting at the same time may have stored its pair first: everyone uses the stored one.
  const stored = await storedVapidKeys(db);
  if (!stored) throw new Error('the VAPID keys were not stored');
  return stored;
}

async function storedVapidKeys(db: Db): Promise<VapidKeys | undefined> {
  const row = await db.selectFrom('notifications.settings').select('value').where('key', '=', 'vapid').executeTakeFirst();
  return row?.value as unknown as VapidKeys | undefined;
}

function parseSubscription(address: string): PushSubscription {
  try {
    const value = JSON.parse(address) as PushSubscription;
    if (typeof value.endpoint === 'string' && typeof value.keys?.p256dh === 'string' && typeof value.keys?.auth === 'string') return value;
  } catch {
    // reported below
  }
  throw new PermanentFailure('The push subscription is not valid.');
}

export function pushChannel(keys: VapidKeys, subject: string, timeoutMs: number): Channel {
  return {
    name: 'push',
    async send(message) {
      const payload = JSON.stringify({ title: message.subject, body: message.short, url: message.link, tag: message.deliveryId });
      const { sendNotification, WebPushError } = await webPush();
      try {
        const result = await sendNotification(parseSubscription(message.address), payload, {
          vapidDetails: { subject, publicKey: keys.publicKey, privateKey: keys.privateKey },
          TTL: 24 * 3600,
          timeout: timeoutMs,
          headers: { Topic: message.deliveryId.replace(/-/g, '').slice(0, 32) },
        });
        return { status: 'sent', providerRef: String(result.statusCode) };
      } catch (error) {
        // 4xx: the subscription is gone or the request can never succeed (but 429: later).
        if (error instanceof WebPushError && error.statusCode >= 400 && error.statusCode < 500 && error.statusCode !== 429) {
          throw new PermanentFailure(`The push service answered ${error.statusCode}.`);
        }
        throw error;
      }
    },
  };
}

// ---- official e-address

/** The state's e-address service: delivers an official document to a person's e-address. */
export interface EAddressAdapter {
  deliver(document: { key: string; address: string; subject: string; text: string; html: string; messageId: string }): Promise<{ providerRef?: string; kept?: boolean }>;
}

export function eAddressSink(db: Db): EAddressAdapter {
  const write = sinkWriter(db, 'eaddress');
  return {
    async deliver(document) {
      await write(document.key, document.address, { subject: document.subject, text: document.text, messageId: document.messageId });
      return { kept: true };
    },
  };
}

export function eAddressChannel(adapter: EAddressAdapter): Channel {
  return {
    name: 'eaddress',
    async send(message) {
      const result = await adapter.deliver({
        key: message.deliveryId,
        address: message.address,
        subject: message.subject,
        text: message.text,
        html: message.html,
        messageId: message.messageId,
      });
      if (result.kept) return { status: 'kept' };
      // The e-address confirms receipt as it accepts: delivered.
      return result.providerRef ? { status: 'delivered', providerRef: result.providerRef } : { status: 'delivered' };
    },
  };
}
