/**
 * The identity service without HTTP: Latvian personal codes (examples and
 * properties), client secret hashing, and web sessions against a real
 * database with a clock the test moves (idle and absolute timeouts, rotation,
 * sign-out everywhere).
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import fc from 'fast-check';
import { openTestDatabase } from '../../../test/support/database.js';
import { demoEmail, DEMO_PERSON_CODES } from './identity.demo.js';
import { mapUpstreamAcr, personalCodeFromClaims } from './eid.pages.js';
import {
  birthDateOf,
  createIdentityService,
  formatPersonalCode,
  hashSecret,
  isValidPersonalCode,
  normalisePersonalCode,
  personalCodeCheckDigit,
  SESSION_ABSOLUTE_MS,
  SESSION_IDLE_MS,
  verifySecret,
} from './identity.service.js';
import { narrow } from '../../platform/db/database.js';
import type { IdentityTables } from './identity.repo.js';
import { AppError } from '../../platform/errors.js';

const pad = (value: number, length = 2): string => String(value).padStart(length, '0');

/** A valid old-format code for a date and serial (undefined when its check digit would be 10). */
function oldCode(date: Date, serial: number): string | undefined {
  const century = { 18: '0', 19: '1', 20: '2' }[Math.floor(date.getUTCFullYear() / 100)] as string;
  const first = `${pad(date.getUTCDate())}${pad(date.getUTCMonth() + 1)}${pad(date.getUTCFullYear() % 100)}${century}${pad(serial, 3)}`;
  const check = personalCodeCheckDigit(first);
  return check === undefined ? undefined : `${first.slice(0, 6)}-${first.slice(6)}${check}`;
}

const dates = fc.date({ min: new Date('1800-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true }).map((date) => new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate())));
const validOldCodes = fc.tuple(dates, fc.integer({ min: 0, max: 999 })).map(([date, serial]) => oldCode(date, serial)).filter((code): code is string => code !== undefined);

describe('personal codes', () => {
  test('the contract’s demo codes are all valid', () => {
    for (const code of ['150685-12347', '010118-23454', '230390-11113', '081275-05556', '120479-43216', '271188-10106']) {
      assert.ok(isValidPersonalCode(code), code);
      assert.ok(isValidPersonalCode(code.replace('-', '')), `${code} without the hyphen`);
    }
    assert.deepEqual(DEMO_PERSON_CODES.filter((code) => !isValidPersonalCode(code)), []);
  });

  test('examples: dates, centuries, check digits, shapes', () => {
    assert.equal(birthDateOf('150685-12347')?.toISOString().slice(0, 10), '1985-06-15');
    assert.equal(birthDateOf('010118-23454')?.toISOString().slice(0, 10), '2018-01-01');
    assert.equal(birthDateOf('081275-05556')?.toISOString().slice(0, 10), '1875-12-08');
    assert.equal(isValidPersonalCode('150685-12348'), false, 'wrong check digit');
    assert.equal(isValidPersonalCode('310285-12345'), false, '31 February');
    const leapDay = [0, 1, 2, 3].map((serial) => oldCode(new Date(Date.UTC(2000, 1, 29)), serial)).find(Boolean) as string;
    assert.ok(isValidPersonalCode(leapDay), `29.02.2000 exists: ${leapDay}`);
    const notLeap = `290201-1234${personalCodeCheckDigit('2902011234') ?? 0}`;
    assert.equal(isValidPersonalCode(notLeap), false, '29.02.1901 does not exist');
    assert.equal(isValidPersonalCode('321234-56789'), true, 'new format: no date, no checksum');
    assert.equal(isValidPersonalCode('32123456789'), true);
    for (const bad of ['', '150685_12347', '1506851234', '150685-123470', 'abcdef-ghijk', '150685--12347', '１５０６８５-１２３４７', '1506-8512347']) {
      assert.equal(isValidPersonalCode(bad), false, JSON.stringify(bad));
    }
    assert.equal(normalisePersonalCode('150685-12347'), '15068512347');
    assert.equal(formatPersonalCode('15068512347'), '150685-12347');
    assert.throws(() => normalisePersonalCode('150685-12348'), (error: unknown) => error instanceof AppError && error.code === 'identity.invalid-personal-code');
  });

  test('property: every real date with a serial and its check digit is valid, with or without the hyphen', () => {
    fc.assert(
      fc.property(validOldCodes, (code) => {
        assert.ok(isValidPersonalCode(code), code);
        assert.ok(isValidPersonalCode(code.replace('-', '')), code);
        assert.equal(formatPersonalCode(normalisePersonalCode(code)), code);
      }),
      { numRuns: 500 },
    );
  });

  test('property: any other check digit is refused', () => {
    fc.assert(
      fc.property(validOldCodes, fc.integer({ min: 1, max: 9 }), (code, shift) => {
        const wrong = `${code.slice(0, 11)}${(Number(code[11]) + shift) % 10}`;
        assert.equal(isValidPersonalCode(wrong), false, wrong);
      }),
      { numRuns: 500 },
    );
  });

  test('property: changing any one of the first ten digits is caught (unless it makes a new-format code)', () => {
    fc.assert(
      fc.property(validOldCodes, fc.integer({ min: 0, max: 9 }), fc.integer({ min: 1, max: 9 }), (code, position, shift) => {
        const digits = code.replace('-', '');
        const changed = `${digits.slice(0, position)}${(Number(digits[position]) + shift) % 10}${digits.slice(position + 1)}`;
        fc.pre(!changed.startsWith('32'));
        assert.equal(isValidPersonalCode(changed), false, `${code} → ${changed}`);
      }),
      { numRuns: 1000 },
    );
  });

  test('property: every 11-digit code starting with 32 is valid; nothing that is not 11 digits is', () => {
    fc.assert(fc.property(fc.stringMatching(/^32\d{9}$/), (code) => isValidPersonalCode(code) && isValidPersonalCode(`${code.slice(0, 6)}-${code.slice(6)}`)));
    fc.assert(
      fc.property(fc.string(), (text) => {
        fc.pre(!/^\s*\d{6}-?\d{5}\s*$/.test(text));
        return !isValidPersonalCode(text);
      }),
    );
  });

  test('upstream eID claims: personal code forms and levels of assurance', () => {
    assert.equal(personalCodeFromClaims({ personal_code: '230390-11113' }), '23039011113');
    assert.equal(personalCodeFromClaims({ serialNumber: 'PNOLV-230390-11113' }), '23039011113');
    assert.equal(personalCodeFromClaims({ person_identifier: 'LV/LV/23039011113' }), '23039011113');
    assert.equal(personalCodeFromClaims({ sub: 'abc' }), undefined);
    assert.equal(mapUpstreamAcr('http://eidas.europa.eu/LoA/high'), 'http://eidas.europa.eu/LoA/high');
    assert.equal(mapUpstreamAcr('urn:lv:eid:substantial'), 'http://eidas.europa.eu/LoA/substantial');
    assert.equal(mapUpstreamAcr(undefined), 'http://eidas.europa.eu/LoA/low');
  });

  test('demo e-mail addresses have no diacritics', () => {
    assert.equal(demoEmail('Jānis', 'Bērziņš'), 'janis.berzins@example.com');
    assert.equal(demoEmail('Ilze', 'Kļaviņa'), 'ilze.klavina@example.com');
    assert.equal(demoEmail('Pēteris', 'Ozols'), 'peteris.ozols@example.com');
  });
});

describe('client secrets', () => {
  test('stored as salted scrypt hashes and verified against them', async () => {
    const one = await hashSecret('demo-rp-secret');
    const two = await hashSecret('demo-rp-secret');
    assert.notEqual(one, two, 'salted');
    assert.ok(!one.includes('demo-rp-secret'));
    assert.equal(await verifySecret('demo-rp-secret', one), true);
    assert.equal(await verifySecret('demo-rp-secreT', one), false);
    assert.equal(await verifySecret('demo-rp-secret', null), false);
    assert.equal(await verifySecret('demo-rp-secret', 'plain'), false);
  });
});

describe('web sessions', () => {
  let database: Awaited<ReturnType<typeof openTestDatabase>>;
  let clock = new Date('2026-03-01T08:00:00Z');
  const advance = (ms: number): void => {
    clock = new Date(clock.getTime() + ms);
  };
  const minutes = (count: number): number => count * 60 * 1000;
  let identity: ReturnType<typeof createIdentityService>;
  let personId: string;

  before(async () => {
    database = await openTestDatabase();
    identity = createIdentityService(narrow<IdentityTables>(database.db), { now: () => clock });
    personId = (await identity.savePerson({ personalCode: '230390-11113', givenName: 'Anna', familyName: 'Kalniņa' })).id;
  });
  after(async () => database?.dispose());

  test('a rotated client secret: the old one stays valid for the overlap, then only the new one', async () => {
    const { secret: first } = await identity.createClient({ clientId: 'rotating-system', metadata: { grant_types: ['client_credentials'], scope: 'catalog.read', token_endpoint_auth_method: 'client_secret_basic' } });
    assert.ok(first);
    const { secret: second, previousValidUntil } = await identity.rotateClientSecret('rotating-system', 86_400);
    assert.equal(previousValidUntil?.getTime(), clock.getTime() + 86_400_000);
    assert.equal(await identity.verifyClientSecret('rotating-system', second), true);
    assert.equal(await identity.verifyClientSecret('rotating-system', first), true, 'the old one during the overlap');
    advance(86_400_000 - 1000);
    assert.equal(await identity.verifyPreviousClientSecret('rotating-system', first), true);
    advance(1000);
    assert.equal(await identity.verifyClientSecret('rotating-system', first), false, 'not once the overlap has ended');
    assert.equal(await identity.verifyClientSecret('rotating-system', second), true);
    // Rotating without an overlap (the first secret handed to a requester) leaves only the new one.
    const { secret: third } = await identity.rotateClientSecret('rotating-system', 0);
    assert.equal(await identity.verifyClientSecret('rotating-system', second), false);
    assert.equal(await identity.verifyClientSecret('rotating-system', third), true);
    await assert.rejects(identity.rotateClientSecret('no-such-system', 60), (error: unknown) => error instanceof AppError && error.kind === 'not_found');
  });

  test('idle for 30 minutes ends a session; activity keeps it alive', async () => {
    const { id } = await identity.startSession({ personId, acr: 'http://eidas.europa.eu/LoA/substantial' });
    advance(minutes(29));
    assert.ok(await identity.resumeSession(id), 'alive after 29 idle minutes');
    advance(minutes(29));
    assert.ok(await identity.resumeSession(id), 'the last request counted as activity');
    advance(SESSION_IDLE_MS);
    assert.equal(await identity.resumeSession(id), undefined, 'ended after 30 idle minutes');
    advance(-SESSION_IDLE_MS);
    assert.equal(await identity.resumeSession(id), undefined, 'and stays ended (it was deleted)');
  });

  test('12 hours end a session however active it is', async () => {
    const { id } = await identity.startSession({ personId, acr: 'x' });
    for (let elapsed = 0; elapsed < SESSION_ABSOLUTE_MS - minutes(20); elapsed += minutes(20)) {
      advance(minutes(20));
      assert.ok(await identity.resumeSession(id));
    }
    advance(minutes(20));
    assert.equal(await identity.resumeSession(id), undefined);
  });

  test('a new sign-in replaces the browser’s previous session', async () => {
    const first = await identity.startSession({ personId, acr: 'x' });
    const second = await identity.startSession({ personId, acr: 'x', previousId: first.id });
    assert.notEqual(first.id, second.id);
    assert.equal(await identity.resumeSession(first.id), undefined);
    assert.ok(await identity.resumeSession(second.id));
    assert.notEqual(first.session.csrfSecret, second.session.csrfSecret);
  });

  test('only a hash of the session id is stored', async () => {
    const { id } = await identity.startSession({ personId, acr: 'x' });
    const rows = await narrow<IdentityTables>(database.db).selectFrom('identity.sessions').select('id_hash').execute();
    assert.ok(rows.every((row) => row.id_hash !== id));
  });

  test('sign out everywhere ends every session of the person; stale sessions are pruned', async () => {
    const sessions = await Promise.all([1, 2, 3].map(() => identity.startSession({ personId, acr: 'x' })));
    await identity.signOutEverywhere(personId);
    for (const { id } of sessions) assert.equal(await identity.resumeSession(id), undefined);
    await identity.startSession({ personId, acr: 'x' });
    advance(SESSION_IDLE_MS + 1);
    // every session so far (this test's and the earlier tests') is now idle too long; one started now is not
    const fresh = await identity.startSession({ personId, acr: 'x' });
    const stored = () => narrow<IdentityTables>(database.db).selectFrom('identity.sessions').select('id_hash').execute();
    const before = (await stored()).length;
    assert.equal(await identity.pruneSessions(), before - 1);
    assert.equal((await stored()).length, 1);
    assert.ok(await identity.resumeSession(fresh.id));
  });
});
