import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { birthDateOf, isMinor, normalisePersonalCode, normaliseRegistrationNumber, parseParty } from './parties.js';

const DEMO_CODES = ['150685-12347', '010118-23454', '230390-11113', '081275-05556', '120479-43216', '271188-10106'];

test('the demo personal codes are valid, with or without the hyphen', () => {
  for (const code of DEMO_CODES) {
    assert.equal(normalisePersonalCode(code), code);
    assert.equal(normalisePersonalCode(code.replace('-', '')), code);
  }
  assert.deepEqual(birthDateOf('150685-12347'), new Date(Date.UTC(1985, 5, 15)));
  assert.deepEqual(birthDateOf('010118-23454'), new Date(Date.UTC(2018, 0, 1)));
});

test('a wrong check digit, an impossible date or a wrong shape is refused', () => {
  assert.equal(normalisePersonalCode('150685-12348'), undefined);
  assert.equal(normalisePersonalCode('310285-12345'), undefined);
  assert.equal(normalisePersonalCode('300285-12341'), undefined);
  // A century digit outside 0–2 is still a valid code; only its birth date is unknown.
  assert.equal(birthDateOf('120479-43216'), undefined);
  assert.equal(normalisePersonalCode('15068512347 '), '150685-12347');
  for (const bad of ['', '1506851234', '150685-1234x', 'abcdef-ghijk', '150685--12347', '150685-123470']) {
    assert.equal(normalisePersonalCode(bad), undefined, bad);
  }
});

test('new-format codes start with 32 and carry no date or checksum', () => {
  assert.equal(normalisePersonalCode('321234-56789'), '321234-56789');
  assert.equal(birthDateOf('321234-56789'), undefined);
  assert.equal(isMinor('321234-56789', new Date()), false);
});

test('changing any one digit of a valid old-format code makes it invalid or another valid code', () => {
  fc.assert(
    fc.property(fc.constantFrom(...DEMO_CODES), fc.integer({ min: 7, max: 10 }), fc.integer({ min: 1, max: 9 }), (code, position, delta) => {
      const digits = code.replace('-', '').split('');
      digits[position] = String((Number(digits[position]) + delta) % 10);
      // The weighted mod-11 checksum catches every single-digit change in the serial part.
      assert.equal(normalisePersonalCode(digits.join('')), undefined);
    }),
  );
});

test('registration numbers and party kinds', () => {
  assert.equal(normaliseRegistrationNumber('40003012340'), '40003012340');
  assert.equal(normaliseRegistrationNumber('4000301234'), undefined);
  assert.deepEqual(parseParty('40003012340'), { kind: 'company', id: '40003012340' });
  assert.deepEqual(parseParty('23039011113'), { kind: 'person', id: '230390-11113' });
  assert.equal(parseParty('hello'), undefined);
});

test('minors are under 18 on the day asked', () => {
  assert.equal(isMinor('010118-23454', new Date('2026-11-25T00:00:00Z')), true);
  assert.equal(isMinor('010118-23454', new Date('2036-01-01T00:00:00Z')), false);
  assert.equal(isMinor('150685-12347', new Date('2026-11-25T00:00:00Z')), false);
});
