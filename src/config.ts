/**
 * Every setting of the platform, typed and validated in one place
 * (the list is part of the public contract: ../shared/CONTRACT.md).
 */
import { isIP } from 'node:net';
import path from 'node:path';

export interface Config {
  port: number;
  host: string;
  publicUrl: string;
  dataDir: string;
  databaseUrl: string | undefined;
  demo: boolean;
  smtpUrl: string | undefined;
  logLevel: string;
  /** true when the platform is reached over TLS (PUBLIC_URL is https) */
  secure: boolean;
  /** the national eID (OpenID Connect) that sign-in federates to when DEMO is off; unset: not configured */
  eid: { issuer: string; clientId: string; clientSecret: string } | undefined;
  notifications: NotificationSettings;
  /** S3_URL: an S3-compatible store for attachments and results; unset: DATA_DIR (embedded) or the database (server) */
  s3: S3Settings | undefined;
  /** EVENTS_INTERVAL_MS: how often the event bus looks for new outbox events (default 500) */
  eventsIntervalMs?: number;
  /** METRICS_TOKEN: the bearer token /metrics requires; unset: /metrics is not served (404) */
  metricsToken: string | undefined;
  /**
   * TRUST_PROXY: the proxies whose X-Forwarded-For/-Proto/-Host are believed —
   * addresses, CIDR ranges or `loopback`; empty for none. Default `loopback`.
   */
  trustProxy: string[];
  /** WEBHOOKS_RETRY_SCHEDULE: seconds before each retry of a failed webhook delivery, comma-separated (default 5,300,1800,7200,18000,36000,36000: over 27 hours) */
  webhookRetrySchedule: number[] | undefined;
  /** API_RATE_LIMIT, API_RATE_BURST: requests a minute each API client may make per family of calls (default 3000), and at once (default 1000) */
  apiRateLimit: { perMinute: number; burst: number };
  /**
   * VISIT_COUNTRY_HEADER: the request header in which the operator's proxy puts
   * the visitor's country (ISO 3166 alpha-2, e.g. `CF-IPCountry`), for the
   * page-visit statistics; unset: countries are not counted. Never an address.
   */
  visitCountryHeader?: string | undefined;
  /**
   * Who runs the platform, named on the trust pages (privacy notice, accessibility
   * statement, contact): OPERATOR_NAME (default `Pakalpojumi`), OPERATOR_EMAIL
   * (default `info@` PUBLIC_URL's host), OPERATOR_PHONE, OPERATOR_ADDRESS (unset:
   * not shown), DPO_EMAIL (the data protection officer; default `dpo@` the host).
   */
  operator: OperatorSettings;
  /** Fees paid in e-applications (README: "Payments"); absent: as if no PAYMENTS_* were set */
  payments?: PaymentSettings;
}

export interface OperatorSettings {
  name: string;
  email: string;
  phone: string | undefined;
  address: string | undefined;
  dpoEmail: string;
}

function parseOperator(env: NodeJS.ProcessEnv, publicUrl: string): OperatorSettings {
  const host = new URL(publicUrl).hostname;
  const text = (value: string | undefined): string | undefined => (value && value.trim() !== '' ? value.trim().slice(0, 300) : undefined);
  return {
    name: text(env.OPERATOR_NAME) ?? 'Pakalpojumi',
    email: text(env.OPERATOR_EMAIL) ?? `info@${host}`,
    phone: text(env.OPERATOR_PHONE),
    address: text(env.OPERATOR_ADDRESS),
    dpoEmail: text(env.DPO_EMAIL) ?? `dpo@${host}`,
  };
}

/** Settings of payments (README: "Payments"). */
export interface PaymentSettings {
  /**
   * PAYMENTS_PROVIDER: the payment provider's adapter — `dev` (the development
   * provider with its hosted test page; default under DEMO), `none` (no fees
   * are taken online; default otherwise) or the name of a real provider's adapter
   */
  provider: string;
  /** PAYMENTS_PROVIDER_URL, PAYMENTS_PROVIDER_MERCHANT, PAYMENTS_PROVIDER_SECRET: a real provider's API, the platform's merchant id there, and the secret its callbacks are signed with */
  providerUrl: string | undefined;
  merchant: string | undefined;
  secret: string | undefined;
  /** PAYMENTS_DEV_SECRET: the development provider's callback-signing secret (Standard Webhooks `whsec_…`; a fixed demo secret by default) */
  devSecret: string;
  /** PAYMENTS_RECONCILE_CRON: when the reconciliation job asks the provider about open payments (cron, UTC; default every 5 minutes) */
  reconcileCron: string;
  /** PAYMENTS_RECONCILE_AFTER_MINUTES: a payment open this long is asked about (default 15) */
  reconcileAfterMinutes: number;
}

/** Where an S3-compatible store is and how to sign for it (from S3_URL). */
export interface S3Settings {
  /** the bucket's URL, path-style: `https://host[:port]/bucket` */
  bucketUrl: string;
  accessKeyId: string;
  secretAccessKey: string;
  region: string;
}

/** Settings of notifications (README: "Notifications"). */
export interface NotificationSettings {
  /** SMS_URL: the SMS provider's HTTP endpoint; unset: SMS are kept in a development sink */
  smsUrl: string | undefined;
  /** NOTIFICATIONS_FROM: the From of e-mails; default `Pakalpojumi <noreply@PUBLIC_URL's host>` */
  from: string;
  /** NOTIFICATIONS_RATE_LIMIT: notifications one API client may send per minute (default 600) */
  rateLimitPerMinute: number;
  /** NOTIFICATIONS_RETRY_SECONDS: the first retry of a failed delivery after this many seconds, doubling (default 30; fractions allowed) */
  retryDelaySeconds: number;
  /** NOTIFICATIONS_RETRY_MAX_SECONDS: the doubling stops at this delay between attempts (default 600) */
  retryMaxDelaySeconds: number;
  /** NOTIFICATIONS_RETRY_HOURS: a delivery is retried until it has been trying this long, then fails for good (default 24) */
  retryWindowSeconds: number;
  /** NOTIFICATIONS_LEASE_SECONDS: a delivery whose sender stopped is taken over after this long (default 120, at least 10; a send times out after a quarter of it) */
  leaseSeconds: number;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

function parseBoolean(name: string, value: string | undefined, fallback: boolean): boolean {
  if (value === undefined || value === '') return fallback;
  if (/^(1|true|yes|on)$/i.test(value)) return true;
  if (/^(0|false|no|off)$/i.test(value)) return false;
  throw new ConfigError(`${name} must be true or false, got "${value}"`);
}

function parsePort(value: string | undefined): number {
  if (value === undefined || value === '') return 3000;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new ConfigError(`PORT must be an integer 0–65535, got "${value}"`);
  return port;
}

function parseUrl(name: string, value: string, protocols: string[]): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError(`${name} is not a valid URL: "${value}"`);
  }
  if (!protocols.includes(url.protocol)) throw new ConfigError(`${name} must use ${protocols.join(' or ')}, got "${url.protocol}"`);
  return value;
}

/** EID_ISSUER, EID_CLIENT_ID and EID_CLIENT_SECRET: all three, or none. */
function parseEid(env: NodeJS.ProcessEnv): Config['eid'] {
  const { EID_ISSUER: issuer, EID_CLIENT_ID: clientId, EID_CLIENT_SECRET: clientSecret } = env;
  if (!issuer && !clientId && !clientSecret) return undefined;
  if (!issuer || !clientId || !clientSecret) throw new ConfigError('EID_ISSUER, EID_CLIENT_ID and EID_CLIENT_SECRET must be set together');
  return { issuer: parseUrl('EID_ISSUER', issuer, ['http:', 'https:']).replace(/\/+$/, ''), clientId, clientSecret };
}

function parseInteger(name: string, value: string | undefined, fallback: number, min: number, max: number): number {
  if (value === undefined || value === '') return fallback;
  const number = Number(value);
  if (!Number.isInteger(number) || number < min || number > max) throw new ConfigError(`${name} must be an integer ${min}–${max}, got "${value}"`);
  return number;
}

/** A decimal number (seconds, hours) within bounds. */
function parseNumber(name: string, value: string | undefined, fallback: number, min: number, max: number): number {
  if (value === undefined || value === '') return fallback;
  const number = Number(value);
  if (!Number.isFinite(number) || number < min || number > max) throw new ConfigError(`${name} must be a number ${min}–${max}, got "${value}"`);
  return number;
}

function parseNotifications(env: NodeJS.ProcessEnv, publicUrl: string): NotificationSettings {
  return {
    smsUrl: env.SMS_URL ? parseUrl('SMS_URL', env.SMS_URL, ['http:', 'https:']) : undefined,
    from: env.NOTIFICATIONS_FROM || `Pakalpojumi <noreply@${new URL(publicUrl).hostname}>`,
    rateLimitPerMinute: parseInteger('NOTIFICATIONS_RATE_LIMIT', env.NOTIFICATIONS_RATE_LIMIT, 600, 1, 1_000_000),
    // Fractions of a second are for tests that play a long outage in seconds.
    retryDelaySeconds: parseNumber('NOTIFICATIONS_RETRY_SECONDS', env.NOTIFICATIONS_RETRY_SECONDS, 30, 0.01, 86_400),
    retryMaxDelaySeconds: parseNumber('NOTIFICATIONS_RETRY_MAX_SECONDS', env.NOTIFICATIONS_RETRY_MAX_SECONDS, 600, 0.01, 86_400),
    retryWindowSeconds: parseNumber('NOTIFICATIONS_RETRY_HOURS', env.NOTIFICATIONS_RETRY_HOURS, 24, 0.001, 24 * 30) * 3600,
    leaseSeconds: parseInteger('NOTIFICATIONS_LEASE_SECONDS', env.NOTIFICATIONS_LEASE_SECONDS, 120, 10, 86_400),
  };
}

/** S3_URL `https://ACCESS_KEY:SECRET@host[:port]/bucket[?region=…]` (path-style; `http:` for a local store). */
function parseS3(value: string | undefined): S3Settings | undefined {
  if (!value) return undefined;
  // The URL carries a secret: errors never repeat it.
  const url = URL.canParse(value) ? new URL(value) : undefined;
  const bucket = url?.pathname.replace(/^\/+|\/+$/g, '') ?? '';
  if (!url || !['http:', 'https:'].includes(url.protocol) || !url.username || !url.password || !bucket || bucket.includes('/')) throw new ConfigError('S3_URL must look like https://ACCESS_KEY:SECRET@host/bucket?region=eu-north-1');
  return {
    bucketUrl: `${url.protocol}//${url.host}/${bucket}`,
    accessKeyId: decodeURIComponent(url.username),
    secretAccessKey: decodeURIComponent(url.password),
    region: url.searchParams.get('region') || 'us-east-1',
  };
}

/** METRICS_TOKEN: long enough not to be guessed, and sendable in an Authorization header as it is. */
function parseMetricsToken(value: string | undefined): string | undefined {
  if (value === undefined || value === '') return undefined;
  // The token is a secret: errors never repeat it.
  if (value.length < 16 || value.length > 512 || !/^[A-Za-z0-9._~+/=-]+$/.test(value)) throw new ConfigError('METRICS_TOKEN must be 16–512 characters of A–Z, a–z, 0–9 and ._~+/=-');
  return value;
}

/** TRUST_PROXY: `loopback` (default), `none`, or a comma-separated list of addresses, CIDR ranges and `loopback`. */
function parseTrustProxy(value: string | undefined): string[] {
  if (value === undefined) return ['loopback'];
  const entries = value.split(',').map((entry) => entry.trim()).filter(Boolean);
  if (entries.length === 1 && /^(none|false)$/i.test(entries[0] ?? '')) return [];
  for (const entry of entries) {
    if (entry === 'loopback') continue;
    const [address = '', bits, ...rest] = entry.split('/');
    const family = isIP(address);
    const maxBits = family === 6 ? 128 : 32;
    const bitsOk = bits === undefined || (/^\d{1,3}$/.test(bits) && Number(bits) <= maxBits);
    if (family === 0 || rest.length > 0 || !bitsOk) throw new ConfigError(`TRUST_PROXY must list addresses, CIDR ranges (10.0.0.0/8) or loopback, or be none; "${entry}" is none of these`);
  }
  return entries;
}

/**
 * DATA_DIR as an absolute path, or `memory://` as given: an embedded database kept in memory (tests, the SDK's
 * generator). Resolving that as a path made it a folder named `memory:` in the working directory, with a whole
 * PGlite cluster and the uploaded files in it.
 */
function dataDirOf(value: string | undefined): string {
  return value?.startsWith('memory://') ? value : path.resolve(value || './data');
}

/** Reads the configuration from an environment (process.env by default). */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = parsePort(env.PORT);
  const databaseUrl = env.DATABASE_URL ? parseUrl('DATABASE_URL', env.DATABASE_URL, ['postgres:', 'postgresql:']) : undefined;
  const publicUrl = parseUrl('PUBLIC_URL', env.PUBLIC_URL || `http://localhost:${port}`, ['http:', 'https:']).replace(/\/+$/, '');
  const logLevel = env.LOG_LEVEL || 'info';
  if (!LOG_LEVELS.includes(logLevel)) throw new ConfigError(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}`);
  return {
    port,
    host: env.HOST || '127.0.0.1',
    publicUrl,
    dataDir: dataDirOf(env.DATA_DIR),
    databaseUrl,
    demo: parseBoolean('DEMO', env.DEMO, databaseUrl === undefined),
    smtpUrl: env.SMTP_URL ? parseUrl('SMTP_URL', env.SMTP_URL, ['smtp:', 'smtps:']) : undefined,
    logLevel,
    secure: publicUrl.startsWith('https:'),
    eid: parseEid(env),
    notifications: parseNotifications(env, publicUrl),
    s3: parseS3(env.S3_URL),
    metricsToken: parseMetricsToken(env.METRICS_TOKEN),
    trustProxy: parseTrustProxy(env.TRUST_PROXY),
    eventsIntervalMs: parseInterval(env.EVENTS_INTERVAL_MS),
    webhookRetrySchedule: parseRetrySchedule(env.WEBHOOKS_RETRY_SCHEDULE),
    apiRateLimit: { perMinute: parseInteger('API_RATE_LIMIT', env.API_RATE_LIMIT, 3000, 1, 10_000_000), burst: parseInteger('API_RATE_BURST', env.API_RATE_BURST, 1000, 1, 10_000_000) },
    visitCountryHeader: parseHeaderName(env.VISIT_COUNTRY_HEADER),
    operator: parseOperator(env, publicUrl),
    payments: parsePayments(env, parseBoolean('DEMO', env.DEMO, databaseUrl === undefined)),
  };
}

/** Not a secret: it signs only the development provider's callbacks, which exist only under DEMO. */
const DEV_PAYMENTS_SECRET = `whsec_${Buffer.from('pakalpojumi development provider').toString('base64')}`;

export function parsePayments(env: NodeJS.ProcessEnv, demo: boolean): PaymentSettings {
  const provider = env.PAYMENTS_PROVIDER || (demo ? 'dev' : 'none');
  if (!/^[a-z0-9-]{1,40}$/.test(provider)) throw new ConfigError(`PAYMENTS_PROVIDER must be an adapter's name (dev, none, …), got "${provider.slice(0, 40)}"`);
  const devSecret = env.PAYMENTS_DEV_SECRET || DEV_PAYMENTS_SECRET;
  if (!/^whsec_[A-Za-z0-9+/=]{16,}$/.test(devSecret)) throw new ConfigError('PAYMENTS_DEV_SECRET must be a Standard Webhooks secret: whsec_ and at least 16 base64 characters');
  const cron = env.PAYMENTS_RECONCILE_CRON || '*/5 * * * *';
  if (cron.trim().split(/\s+/).length !== 5) throw new ConfigError(`PAYMENTS_RECONCILE_CRON must be a cron expression of 5 fields, got "${cron.slice(0, 60)}"`);
  return {
    provider,
    providerUrl: env.PAYMENTS_PROVIDER_URL ? parseUrl('PAYMENTS_PROVIDER_URL', env.PAYMENTS_PROVIDER_URL, ['https:', 'http:']) : undefined,
    merchant: env.PAYMENTS_PROVIDER_MERCHANT || undefined,
    secret: env.PAYMENTS_PROVIDER_SECRET || undefined,
    devSecret,
    reconcileCron: cron,
    reconcileAfterMinutes: parseInteger('PAYMENTS_RECONCILE_AFTER_MINUTES', env.PAYMENTS_RECONCILE_AFTER_MINUTES, 15, 1, 7 * 24 * 60),
  };
}

function parseRetrySchedule(value: string | undefined): number[] | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const delays = value.split(',').map((part) => Number(part.trim()));
  if (delays.length > 20 || delays.some((delay) => !Number.isFinite(delay) || delay < 0 || delay > 7 * 86_400)) {
    throw new ConfigError(`WEBHOOKS_RETRY_SCHEDULE must be up to 20 comma-separated delays in seconds (0–604800), got "${value}"`);
  }
  return delays;
}

function parseHeaderName(value: string | undefined): string | undefined {
  if (value === undefined || value === '') return undefined;
  if (!/^[A-Za-z0-9-]{1,60}$/.test(value)) throw new ConfigError(`VISIT_COUNTRY_HEADER must be a header name, got "${value.slice(0, 60)}"`);
  return value.toLowerCase();
}

function parseInterval(value: string | undefined): number {
  if (value === undefined || value === '') return 500;
  const ms = Number(value);
  if (!Number.isInteger(ms) || ms < 10 || ms > 86_400_000) throw new ConfigError(`EVENTS_INTERVAL_MS must be an integer 10–86400000, got "${value}"`);
  return ms;
}
