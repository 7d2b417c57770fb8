/** The SQL of notification preferences, and nothing else. */
import { sql, type Generated, type Kysely } from 'kysely';
import type { Channel, Language, NotificationKind, PushSubscriptionJson } from './preferences.schemas.js';

interface SettingsTable {
  personal_code: string;
  language: Language;
  channels: Partial<Record<NotificationKind, Channel[]>>;
  quiet_from: number | null;
  quiet_until: number | null;
  updated_at: Generated<Date>;
}

interface AddressesTable {
  personal_code: string;
  channel: 'email' | 'sms';
  address: string;
  confirmed_at: Date;
}

interface ConfirmationsTable {
  id: Generated<string>;
  personal_code: string;
  channel: 'email' | 'sms';
  address: string;
  secret_hash: string;
  attempts: Generated<number>;
  created_at: Date;
  expires_at: Date;
  used_at: Date | null;
}

interface PushSubscriptionsTable {
  id: Generated<string>;
  personal_code: string;
  endpoint: string;
  subscription: PushSubscriptionJson;
  user_agent: string | null;
  created_at: Generated<Date>;
}

interface DevConfirmationsTable {
  id: Generated<string>;
  personal_code: string;
  channel: string;
  address: string;
  language: string;
  link: string | null;
  code: string | null;
  created_at: Generated<Date>;
}

export interface PreferencesTables {
  'preferences.settings': SettingsTable;
  'preferences.addresses': AddressesTable;
  'preferences.confirmations': ConfirmationsTable;
  'preferences.push_subscriptions': PushSubscriptionsTable;
  'preferences.dev_confirmations': DevConfirmationsTable;
}

export type Db = Kysely<PreferencesTables>;
export type SettingsRow = Pick<SettingsTable, 'language' | 'channels' | 'quiet_from' | 'quiet_until'>;
export type ConfirmationRow = Omit<ConfirmationsTable, 'id' | 'attempts'> & { id: string; attempts: number };

export async function findSettings(db: Db, personalCode: string): Promise<SettingsRow | undefined> {
  return db.selectFrom('preferences.settings').select(['language', 'channels', 'quiet_from', 'quiet_until']).where('personal_code', '=', personalCode).executeTakeFirst();
}

export async function saveSettings(db: Db, personalCode: string, row: SettingsRow): Promise<void> {
  const values = { language: row.language, channels: sql<SettingsTable['channels']>`${JSON.stringify(row.channels)}::jsonb`, quiet_from: row.quiet_from, quiet_until: row.quiet_until };
  await db
    .insertInto('preferences.settings')
    .values({ personal_code: personalCode, ...values })
    .onConflict((conflict) => conflict.column('personal_code').doUpdateSet({ ...values, updated_at: sql`now()` }))
    .execute();
}

export async function addresses(db: Db, personalCode: string): Promise<Partial<Record<'email' | 'sms', string>>> {
  const rows = await db.selectFrom('preferences.addresses').select(['channel', 'address']).where('personal_code', '=', personalCode).execute();
  return Object.fromEntries(rows.map((row) => [row.channel, row.address]));
}

export async function saveAddress(db: Db, personalCode: string, channel: 'email' | 'sms', address: string, at: Date): Promise<void> {
  await db
    .insertInto('preferences.addresses')
    .values({ personal_code: personalCode, channel, address, confirmed_at: at })
    .onConflict((conflict) => conflict.columns(['personal_code', 'channel']).doUpdateSet({ address, confirmed_at: at }))
    .execute();
}

export async function deleteAddress(db: Db, personalCode: string, channel: 'email' | 'sms'): Promise<void> {
  await db.deleteFrom('preferences.addresses').where('personal_code', '=', personalCode).where('channel', '=', channel).execute();
}

export async function insertConfirmation(db: Db, row: Omit<ConfirmationRow, 'id' | 'attempts' | 'used_at'> & { id?: string }): Promise<string> {
  const inserted = await db
    .insertInto('preferences.confirmations')
    .values({ ...row, used_at: null })
    .returning('id')
    .executeTakeFirstOrThrow();
  return inserted.id;
}

/** The newest confirmation of a person's channel still open at `at` (unused, unexpired). */
export async function openConfirmation(db: Db, personalCode: string, channel: 'email' | 'sms', at: Date): Promise<ConfirmationRow | undefined> {
  return db
    .selectFrom('preferences.confirmations')
    .selectAll()
    .where('personal_code', '=', personalCode)
    .where('channel', '=', channel)
    .where('used_at', 'is', null)
    .where('expires_at', '>', at)
    .orderBy('created_at', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export async function confirmationBySecret(db: Db, secretHash: string): Promise<ConfirmationRow | undefined> {
  return db.selectFrom('preferences.confirmations').selectAll().where('secret_hash', '=', secretHash).forUpdate().executeTakeFirst();
}

export async function confirmationById(db: Db, id: string): Promise<ConfirmationRow | undefined> {
  return db.selectFrom('preferences.confirmations').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function countConfirmationsSince(db: Db, personalCode: string, since: Date): Promise<number> {
  const row = await db
    .selectFrom('preferences.confirmations')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('personal_code', '=', personalCode)
    .where('created_at', '>', since)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Closes every open confirmation of the channel: a new one replaces them, a used one is spent. */
export async function closeConfirmations(db: Db, personalCode: string, channel: 'email' | 'sms', at: Date): Promise<void> {
  await db.updateTable('preferences.confirmations').set({ used_at: at }).where('personal_code', '=', personalCode).where('channel', '=', channel).where('used_at', 'is', null).execute();
}

export async function countAttempt(db: Db, id: string): Promise<void> {
  await db
    .updateTable('preferences.confirmations')
    .set((eb) => ({ attempts: eb('attempts', '+', 1) }))
    .where('id', '=', id)
    .execute();
}

export async function markUsed(db: Db, id: string, at: Date): Promise<void> {
  await db.updateTable('preferences.confirmations').set({ used_at: at }).where('id', '=', id).execute();
}

export async function pushSubscriptions(db: Db, personalCode: string): Promise<{ id: string; subscription: PushSubscriptionJson; userAgent: string | null; createdAt: Date }[]> {
  const rows = await db
    .selectFrom('preferences.push_subscriptions')
    .select(['id', 'subscription', 'user_agent', 'created_at'])
    .where('personal_code', '=', personalCode)
    .orderBy('created_at')
    .execute();
  return rows.map((row) => ({ id: row.id, subscription: row.subscription, userAgent: row.user_agent, createdAt: row.created_at }));
}

/** A device's subscription belongs to whoever subscribed on it last (a shared browser moves it). */
export async function savePushSubscription(db: Db, personalCode: string, subscription: PushSubscriptionJson, userAgent: string | null): Promise<void> {
  const json = sql<PushSubscriptionJson>`${JSON.stringify(subscription)}::jsonb`;
  await db
    .insertInto('preferences.push_subscriptions')
    .values({ personal_code: personalCode, endpoint: subscription.endpoint, subscription: json, user_agent: userAgent })
    .onConflict((conflict) => conflict.column('endpoint').doUpdateSet({ personal_code: personalCode, subscription: json, user_agent: userAgent }))
    .execute();
}

export async function deletePushSubscription(db: Db, personalCode: string, id: string): Promise<boolean> {
  const result = await db.deleteFrom('preferences.push_subscriptions').where('personal_code', '=', personalCode).where('id', '=', id).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

export async function recordDevConfirmation(db: Db, row: Omit<DevConfirmationsTable, 'id' | 'created_at'>): Promise<void> {
  await db.insertInto('preferences.dev_confirmations').values(row).execute();
}
