/**
 * Preferences: how each person wants to be notified (P10). Per kind of
 * notification (status, result, request, mandate, support, offer, message)
 * the channels besides the always-on workspace inbox — e-mail, SMS, web push,
 * the official e-address — the language, quiet hours for SMS and push, and
 * e-mail and phone confirmed before use (a single-use link, a 6-digit code).
 *
 * Exposes the PreferencesService, whose `deliveryPlan` the notifications core
 * asks where a notification goes; the `ConfirmationSender` interface through
 * which confirmation messages leave (default: a development sink in the
 * module's own table); the JSON API `/api/v1/me/notification-preferences`;
 * its migrations.
 */
import { fileURLToPath } from 'node:url';
import { narrow, type RootDb } from '../../platform/db/database.js';
import type { MigrationSource } from '../../platform/db/migrate.js';
import { createIdentity, type IdentityService } from '../identity/index.js';
import type { PreferencesTables } from './preferences.repo.js';
import { createPreferencesService, databaseConfirmationSink, type ConfirmationSender, type PreferencesService } from './preferences.service.js';

export type { ConfirmationMessage, ConfirmationSender, PreferencesService } from './preferences.service.js';
export { EMAIL_LINK_TTL_MS, PHONE_CODE_TTL_MS, MAX_CODE_ATTEMPTS, MAX_REQUESTS_PER_HOUR, normaliseEmail, normalisePhone } from './preferences.service.js';
export type { Channel, DeliveryPlan, DeliveryTarget, Language, NotificationKind, Preferences, PreferencesChange, PushDevice, PushSubscriptionJson, QuietHoursText } from './preferences.schemas.js';
export { CHANNELS, NOTIFICATION_KINDS } from './preferences.schemas.js';
export { quietUntil, parseTimeOfDay, formatTimeOfDay, QUIET_ZONE, type QuietHours } from './quiet-hours.js';
export { WrongCodeError } from './preferences.errors.js';
export { registerPreferencesRoutes } from './preferences.routes.js';

export const preferencesMigrations: MigrationSource = { module: 'preferences', dir: fileURLToPath(new URL('./migrations', import.meta.url)) };

export interface PreferencesOptions {
  /** sends confirmation links and codes (default: the development sink, table preferences.dev_confirmations) */
  sender?: ConfirmationSender;
  /** PUBLIC_URL, the origin of confirmation links */
  publicUrl?: string;
  /** the VAPID public key (the notifications core's); without it the page offers no push */
  vapidPublicKey?: () => Promise<string>;
  /** names and verified e-mails of persons (default: the identity module over `db`) */
  identity?: Pick<IdentityService, 'findPersonByCode'>;
  now?: () => Date;
}

export function createPreferences(db: RootDb, options: PreferencesOptions = {}): PreferencesService {
  const root = narrow<PreferencesTables>(db);
  return createPreferencesService(root, {
    identity: options.identity ?? createIdentity(db),
    sender: options.sender ?? databaseConfirmationSink(root),
    publicUrl: (options.publicUrl ?? 'http://localhost:3000').replace(/\/$/, ''),
    ...(options.vapidPublicKey ? { vapidPublicKey: options.vapidPublicKey } : {}),
    now: options.now ?? (() => new Date()),
  });
}

// The workspace's pages of this module: the person's notification settings.
export { registerPreferencesWorkspacePages, type PreferencesPagesDeps } from './pages/workspace/preferences.pages.js';
