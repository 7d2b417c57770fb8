/** The wording of notifications: ICU templates in lv and en, optional lines, overrides checked before they are stored. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AppError } from '../../platform/errors.js';
import { BUILT_IN, checkTemplate, render, toHtml, valuesFor } from './templates.js';

test('a status notice in Latvian and English, lines with empty placeholders left out', () => {
  const values = { name: 'Jānis Bērziņš', number: '2026-000123', serviceTitle: 'Dzīvesvietas deklarēšana', status: 'Izskatīšanā', link: 'http://x/workspace/applications/2026-000123' };
  const lv = render(BUILT_IN.status.lv, 'lv', values);
  assert.equal(lv.subject, 'Pieteikums 2026-000123: Izskatīšanā');
  assert.equal(
    lv.text,
    'Labdien, Jānis Bērziņš!\n\nJūsu pieteikuma Nr. 2026-000123 (Dzīvesvietas deklarēšana) statuss: Izskatīšanā.\n\nPieteikums: http://x/workspace/applications/2026-000123',
  );
  assert.equal(lv.short, 'Pieteikums 2026-000123: Izskatīšanā. http://x/workspace/applications/2026-000123');
  const en = render(BUILT_IN.status.en, 'en', { ...values, name: '', expectedDate: '3 November 2026' });
  assert.match(en.text, /^Hello,\n/);
  assert.match(en.text, /Expected completion: 3 November 2026\./);
});

test('values for one language win over the common ones', () => {
  assert.deepEqual(valuesFor({ subject: 'Sveiki', 'subject:en': 'Hello', body: 'Teksts' }, 'en'), { subject: 'Hello', body: 'Teksts' });
  assert.deepEqual(valuesFor({ subject: 'Sveiki', 'subject:en': 'Hello' }, 'lv'), { subject: 'Sveiki' });
});

test('the HTML part escapes what people wrote and links only links', () => {
  const html = toHtml('<script>alert(1)</script>\n\nhttp://x/a?b=1', 'lv', 'S & <b>');
  assert.ok(!html.includes('<script>'));
  assert.ok(html.includes('&lt;script>alert(1)&lt;/script>'));
  assert.ok(html.includes('<a href="http://x/a?b=1">'));
  assert.ok(html.includes('<title>S &amp; &lt;b></title>'));
});

test('an override that does not parse, or names an unknown placeholder, is refused naming the part', () => {
  const refused = (text: { subject: string; body: string; short: string }, pointer: string): void => {
    assert.throws(
      () => checkTemplate(text),
      (error: unknown) => error instanceof AppError && error.code === 'notifications.invalid-template' && error.errors?.[0]?.pointer === pointer,
    );
  };
  refused({ subject: 'Pieteikums {number', body: 'x', short: 'x' }, '#/subject');
  refused({ subject: 'x', body: 'Sveiki, {password}', short: 'x' }, '#/body');
  refused({ subject: 'x', body: 'x', short: ' ' }, '#/short');
  checkTemplate({ subject: 'Pieteikums {number}', body: '{greeting}\n{status, select, other {{status}}}', short: '{number}' });
});
