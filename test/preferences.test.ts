/**
 * Notification preferences at the service level, against a real database:
 * defaults from the identity record, per-kind channel choices, e-mail and
 * phone confirmed before use (single-use expiring link, 6-digit code with
 * limited attempts), quiet hours in Latvian time, push devices.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { AppError } from '../src/platform/errors.js';
import { createIdentity } from '../src/modules/identity/index.js';
import { createPreferences, EMAIL_LINK_TTL_MS, MAX_CODE_ATTEMPTS, quietUntil, type PreferencesService } from '../src/modules/preferences/index.js';
import { openTestDatabase } from './support/database.js';

const JANIS = '150685-12347';
const ANNA = '230390-11113';
const PETERIS = '081275-05556';
const ILZE = '120479-43216';
const ROBERTS = '271188-10106';

async function rejectsWith(promise: Promise<unknown>, code: string): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof AppError, `expected an AppError, got ${String(error)}`);
    assert.equal(error.code, code);
    return error;
  }
  assert.fail(`expected ${code}`);
}

describe('notification preferences', () => {
  let database: Awaited<ReturnType<typeof openTestDatabase>>;
  let preferences: PreferencesService;
  const clock = { now: new Date('2026-03-02T10:00:00Z') };

  /** The newest link or code the development sink holds for a person. */
  async function lastSent(personalCode: string, channel: 'email' | 'sms'): Promise<{ address: string; link: string | null; code: string | null }> {
    const { rows } = await sql<{ address: string; link: string | null; code: string | null }>`
      select address, link, code from preferences.dev_confirmations where personal_code = ${personalCode} and channel = ${channel} order by id desc limit 1`.execute(database.db);
    assert.ok(rows[0], `a confirmation was sent to ${personalCode} by ${channel}`);
    return rows[0];
  }
  const tokenOf = (link: string | null): string => new URL(link ?? '').searchParams.get('token') ?? '';

  before(async () => {
    database = await openTestDatabase();
    const identity = createIdentity(database.db);
    await identity.savePerson({ personalCode: JANIS, givenName: 'Jānis', familyName: 'Bērziņš', email: 'janis.berzins@example.com', emailVerified: true });
    await identity.savePerson({ personalCode: ANNA, givenName: 'Anna', familyName: 'Kalniņa', email: 'anna.kalnina@example.com', emailVerified: false });
    await identity.savePerson({ personalCode: PETERIS, givenName: 'Pēteris', familyName: 'Ozols', email: 'peteris.ozols@example.com', emailVerified: true });
    await identity.savePerson({ personalCode: ILZE, givenName: 'Ilze', familyName: 'Kļaviņa', email: 'ilze.klavina@example.com', emailVerified: true });
    preferences = createPreferences(database.db, { publicUrl: 'https://pakalpojumi.example', now: () => clock.now });
  });
  after(async () => database.dispose());

  test('defaults: inbox plus the identity record’s verified e-mail for every kind, Latvian', async () => {
    const plan = await preferences.deliveryPlan(JANIS, 'status', clock.now);
    assert.deepEqual(plan, { language: 'lv', name: 'Jānis Bērziņš', targets: [{ channel: 'email', address: 'janis.berzins@example.com' }] });
    // The same with the code written without its hyphen.
    assert.deepEqual(await preferences.deliveryPlan('15068512347', 'offer', clock.now), plan);
    // An e-mail the identity record has not verified is not used; the inbox alone remains.
    assert.deepEqual(await preferences.deliveryPlan(ANNA, 'result', clock.now), { language: 'lv', name: 'Anna Kalniņa', targets: [] });
    // Someone identity does not know yet: inbox only, no name.
    assert.deepEqual(await preferences.deliveryPlan(ROBERTS, 'status', clock.now), { language: 'lv', name: null, targets: [] });
    await rejectsWith(preferences.deliveryPlan('150685-12348', 'status', clock.now), 'preferences.invalid-personal-code');
  });

  test('turning e-mail off for status changes removes that target only; the plan (inbox) remains', async () => {
    const changed = await preferences.update(JANIS, { channels: { status: [] }, language: 'en' });
    assert.deepEqual(changed.channels.status, []);
    assert.deepEqual(changed.channels.result, ['email']);
    assert.deepEqual(await preferences.deliveryPlan(JANIS, 'status', clock.now), { language: 'en', name: 'Jānis Bērziņš', targets: [] });
    assert.deepEqual((await preferences.deliveryPlan(JANIS, 'result', clock.now)).targets, [{ channel: 'email', address: 'janis.berzins@example.com' }]);
    // The official e-address needs no confirmation: its id is the personal code.
    await preferences.update(JANIS, { channels: { mandate: ['eaddress', 'email'] } });
    assert.deepEqual((await preferences.deliveryPlan(JANIS, 'mandate', clock.now)).targets, [
      { channel: 'email', address: 'janis.berzins@example.com' },
      { channel: 'eaddress', address: JANIS },
    ]);
    // Other people's plans are untouched.
    assert.equal((await preferences.deliveryPlan(PETERIS, 'status', clock.now)).targets.length, 1);
  });

  test('a new e-mail is never a target until its link is followed; the link works once and expires', async () => {
    await preferences.requestEmail(ANNA, ' anna@example.org ');
    const sent = await lastSent(ANNA, 'email');
    assert.equal(sent.address, 'anna@example.org');
    assert.match(sent.link ?? '', /^https:\/\/pakalpojumi\.example\/workspace\/settings\/notifications\/email\/confirm\?token=[A-Za-z0-9_-]{43}$/);
    // Only the token's hash is kept.
    const stored = await sql<{ n: number }>`select count(*)::int as n from preferences.confirmations where secret_hash = ${tokenOf(sent.link)}`.execute(database.db);
    assert.equal(stored.rows[0]?.n, 0);

    assert.equal((await preferences.get(ANNA)).pendingEmail, 'anna@example.org');
    assert.deepEqual((await preferences.deliveryPlan(ANNA, 'status', clock.now)).targets, [], 'unconfirmed: not a target');
    // Somebody else's token does nothing for them.
    await rejectsWith(preferences.confirmEmail(JANIS, tokenOf(sent.link)), 'preferences.confirmation-invalid');

    assert.equal(await preferences.peekEmailToken(ANNA, tokenOf(sent.link)), 'anna@example.org');
    assert.equal(await preferences.confirmEmail(ANNA, tokenOf(sent.link)), 'anna@example.org');
    assert.deepEqual((await preferences.deliveryPlan(ANNA, 'status', clock.now)).targets, [{ channel: 'email', address: 'anna@example.org' }]);
    await rejectsWith(preferences.confirmEmail(ANNA, tokenOf(sent.link)), 'preferences.confirmation-invalid');

    // Jānis asks to move to another address; while unconfirmed the verified one stays in use.
    await preferences.requestEmail(JANIS, 'janis@example.org');
    assert.deepEqual((await preferences.deliveryPlan(JANIS, 'result', clock.now)).targets, [{ channel: 'email', address: 'janis.berzins@example.com' }]);
    const expiring = tokenOf((await lastSent(JANIS, 'email')).link);
    const saved = clock.now;
    clock.now = new Date(saved.getTime() + EMAIL_LINK_TTL_MS + 1000);
    await rejectsWith(preferences.confirmEmail(JANIS, expiring), 'preferences.confirmation-invalid');
    clock.now = saved;
    assert.deepEqual((await preferences.deliveryPlan(JANIS, 'result', clock.now)).targets, [{ channel: 'email', address: 'janis.berzins@example.com' }]);
    // English-speaking Jānis gets the English page's link.
    assert.match((await lastSent(JANIS, 'email')).link ?? '', /\/en\/workspace\/settings\/notifications\/email\/confirm\?token=/);

    // A newer request replaces an older one: the older link stops working.
    await preferences.requestEmail(PETERIS, 'first@example.org');
    const first = tokenOf((await lastSent(PETERIS, 'email')).link);
    await preferences.requestEmail(PETERIS, 'second@example.org');
    await rejectsWith(preferences.confirmEmail(PETERIS, first), 'preferences.confirmation-invalid');
    await rejectsWith(preferences.requestEmail(PETERIS, 'not an address'), 'preferences.invalid-email');
  });

  test('a phone is confirmed by a 6-digit code with limited attempts, then carries SMS', async () => {
    await preferences.update(ILZE, { channels: { status: ['email', 'sms'] } });
    await preferences.requestPhone(ILZE, '20 000 001');
    const sent = await lastSent(ILZE, 'sms');
    assert.equal(sent.address, '+37120000001');
    assert.match(sent.code ?? '', /^\d{6}$/);
    const wrong = sent.code === '000000' ? '111111' : '000000';
    assert.deepEqual((await preferences.deliveryPlan(ILZE, 'status', clock.now)).targets.map((t) => t.channel), ['email'], 'no SMS before the code is entered');

    for (let attempt = 1; attempt < MAX_CODE_ATTEMPTS; attempt++) {
      const error = await rejectsWith(preferences.confirmPhone(ILZE, wrong), 'preferences.wrong-code');
      assert.match(error.message, new RegExp(`${MAX_CODE_ATTEMPTS - attempt} attempt`));
    }
    await rejectsWith(preferences.confirmPhone(ILZE, wrong), 'preferences.code-attempts-exhausted');
    // Spent: even the right code no longer works.
    await rejectsWith(preferences.confirmPhone(ILZE, sent.code ?? ''), 'preferences.code-attempts-exhausted');
    assert.equal((await preferences.get(ILZE)).phone, null);

    await preferences.requestPhone(ILZE, '+371 20000001');
    const fresh = await lastSent(ILZE, 'sms');
    assert.equal(await preferences.confirmPhone(ILZE, fresh.code ?? ''), '+37120000001');
    assert.deepEqual((await preferences.deliveryPlan(ILZE, 'status', clock.now)).targets, [
      { channel: 'email', address: 'ilze.klavina@example.com' },
      { channel: 'sms', address: '+37120000001' },
    ]);
    await rejectsWith(preferences.confirmPhone(ILZE, fresh.code ?? ''), 'preferences.confirmation-invalid');
    await rejectsWith(preferences.requestPhone(ILZE, '12'), 'preferences.invalid-phone');
  });

  test('confirmation messages are limited per hour', async () => {
    const start = clock.now;
    clock.now = new Date('2026-03-03T10:00:00Z');
    try {
      for (let i = 0; i < 5; i++) await preferences.requestEmail(ROBERTS, `r${i}@example.org`);
      await rejectsWith(preferences.requestPhone(ROBERTS, '+37120000002'), 'preferences.too-many-requests');
      clock.now = new Date('2026-03-03T11:00:01Z');
      await preferences.requestPhone(ROBERTS, '+37120000002');
    } finally {
      clock.now = start;
    }
  });

  test('quiet hours (Latvian time) defer SMS and push to their end; e-mail and e-address go at once', async () => {
    const subscription = { endpoint: 'https://push.example/send/abc', keys: { p256dh: 'BNcRdreALRFXTkOOUHK1EtK2wtaz5Ry4YfYCA_0QTpQtUbVlUls0VJXg7A8u-Ts1XbjhazAkj7I99e8QcYP7DkM', auth: 'tBHItJI5svbpez7KI4CCXg' } };
    await preferences.addPushSubscription(ILZE, subscription, 'Test browser');
    await rejectsWith(preferences.addPushSubscription(ILZE, { endpoint: 'http://insecure.example/', keys: {} }, null), 'preferences.invalid-subscription');
    await preferences.update(ILZE, { channels: { status: ['email', 'sms', 'push', 'eaddress'] }, quietHours: { from: '22:00', until: '08:00' } });

    // 23:30 in Riga in winter (UTC+2): SMS and push wait until 08:00 the next morning.
    const night = await preferences.deliveryPlan(ILZE, 'status', new Date('2026-01-15T21:30:00Z'));
    const morning = new Date('2026-01-16T06:00:00Z');
    assert.deepEqual(night.targets, [
      { channel: 'email', address: 'ilze.klavina@example.com' },
      { channel: 'sms', address: '+37120000001', notBefore: morning },
      { channel: 'push', address: JSON.stringify(subscription), notBefore: morning },
      { channel: 'eaddress', address: ILZE },
    ]);
    // Noon: nothing waits.
    assert.ok((await preferences.deliveryPlan(ILZE, 'status', new Date('2026-01-15T10:00:00Z'))).targets.every((t) => t.notBefore === undefined));
    // Summer (UTC+3), after midnight: the same morning's 08:00.
    assert.deepEqual(quietUntil(new Date('2026-07-01T22:30:00Z'), { from: 1320, until: 480 }), new Date('2026-07-02T05:00:00Z'));
    // The night summer time begins (29 March 2026, 03:00 → 04:00): 08:00 is UTC+3.
    assert.deepEqual(quietUntil(new Date('2026-03-28T23:00:00Z'), { from: 1320, until: 480 }), new Date('2026-03-29T05:00:00Z'));
    // A daytime window (13:00–14:00) and its edges.
    assert.equal(quietUntil(new Date('2026-01-15T10:59:00Z'), { from: 780, until: 840 }), undefined);
    assert.deepEqual(quietUntil(new Date('2026-01-15T11:00:00Z'), { from: 780, until: 840 }), new Date('2026-01-15T12:00:00Z'));

    await rejectsWith(preferences.update(ILZE, { quietHours: { from: '22:00', until: '22:00' } }), 'preferences.invalid-quiet-hours');
    await rejectsWith(preferences.update(ILZE, { quietHours: { from: '25:00', until: '08:00' } }), 'preferences.invalid-quiet-hours');
    assert.deepEqual((await preferences.update(ILZE, { quietHours: null })).quietHours, null);

    const [device] = (await preferences.get(ILZE)).pushDevices;
    await rejectsWith(preferences.removePushSubscription(JANIS, device?.id ?? ''), 'preferences.device-not-found');
    await preferences.removePushSubscription(ILZE, device?.id ?? '');
    assert.deepEqual((await preferences.deliveryPlan(ILZE, 'status', clock.now)).targets.map((t) => t.channel), ['email', 'sms', 'eaddress']);
  });
});
