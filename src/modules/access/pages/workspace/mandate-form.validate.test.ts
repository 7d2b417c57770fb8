/** The mandate form's own checks and its dates, without HTTP. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { check, parseDay, valuesOf, type FormValues } from './mandate-form.validate.js';

const ANNA = '230390-11113';
const blank: FormValues = { representative: '', scope: '', services: [], validFrom: '', validUntil: '', requiresAcceptance: false };

test('dates are read as typed in a date field or by hand, and impossible ones refused', () => {
  assert.equal(parseDay(''), undefined);
  assert.equal(parseDay('2030-12-31'), '2030-12-31');
  assert.equal(parseDay('31.12.2030'), '2030-12-31');
  assert.equal(parseDay('1/2/2030'), '2030-02-01');
  assert.equal(parseDay('31.02.2030'), null);
  assert.equal(parseDay('tomorrow'), null);
});

test('each field has its own message, in order of the form', () => {
  const { errors, input } = check({ ...blank, representative: '123', validFrom: '2020-01-01', validUntil: '2019-01-01' }, ANNA, '2026-01-15');
  assert.equal(input, undefined);
  assert.deepEqual(errors, { representative: 'error.representativeInvalid', scope: 'error.scopeMissing', validFrom: 'error.validFromPast', validUntil: 'error.validUntilPast' });
  assert.deepEqual(check({ ...blank, representative: ANNA, scope: 'services' }, ANNA, '2026-01-15').errors, { representative: 'error.representativeSelf', services: 'error.servicesMissing' });
  assert.deepEqual(check({ ...blank, representative: '150685-12347', scope: 'all', validFrom: '2026-03-01', validUntil: '2026-02-01' }, ANNA, '2026-01-15').errors, {
    validUntil: 'error.validUntilBeforeFrom',
  });
});

test('days are Riga days: a later start begins at its midnight, "until" includes its last day, across daylight saving', () => {
  const { input } = check({ ...blank, representative: '15068512347', scope: 'all', validFrom: '2026-03-29', validUntil: '29.03.2026', requiresAcceptance: true }, ANNA, '2026-01-15');
  assert.deepEqual(input, {
    representative: { personalCode: '150685-12347' },
    scope: { allServices: true },
    // Riga is UTC+2 at the start of 29 March 2026 and UTC+3 at the start of the 30th.
    validFrom: '2026-03-28T22:00:00.000Z',
    validUntil: '2026-03-29T21:00:00.000Z',
    requiresAcceptance: true,
  });
  // Starting today means starting now: no validFrom is sent.
  assert.equal(check({ ...blank, representative: '150685-12347', scope: 'all', validFrom: '2026-01-15' }, ANNA, '2026-01-15').input?.validFrom, undefined);
});

test('a search keeps the chosen services and means to choose services; nothing personal rides in the address', () => {
  const id = '331C5D7D-C103-4F75-BFE2-EF669CD78C06';
  const values = valuesOf({ q: 'pase', service: [id, 'not-an-id', id], representative: ANNA }, true);
  assert.deepEqual(values, { ...blank, scope: 'services', services: [id.toLowerCase()] });
});
