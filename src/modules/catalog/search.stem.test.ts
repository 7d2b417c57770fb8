/** The stemmers bring a word's forms and derivations to one stem (index and query agree). */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { queryWords, stem, words } from './search.stem.js';
import type { Lang } from './catalog.schemas.js';

const sameStem = (lang: Lang, forms: string[]): void => {
  const stems = new Set(forms.map((form) => stem(words(form)[0] ?? '', lang)));
  assert.equal(stems.size, 1, `${forms.join(', ')} → ${[...stems].join(', ')}`);
};

test('Latvian inflections and derivations meet', () => {
  sameStem('lv', ['reģistrēšana', 'reģistrācija', 'reģistrēt', 'reģistrēties', 'reģistrācijas', 'registresanu']);
  sameStem('lv', ['uzņēmums', 'uzņēmuma', 'uzņēmumu', 'uzņēmumiem', 'uznemums']);
  sameStem('lv', ['pabalsts', 'pabalstu', 'pabalsta', 'pabalsti', 'pabalstiem']);
  sameStem('lv', ['deklarēšana', 'deklarācija', 'deklarēt']);
  sameStem('lv', ['saņemt', 'saņemšana', 'saņemšanas']);
  sameStem('lv', ['pase', 'pases', 'pasi']);
});

test('different Latvian words keep different stems', () => {
  assert.notEqual(stem('pase', 'lv'), stem('pensija', 'lv'));
  assert.notEqual(stem('uznemums', 'lv'), stem('registracija', 'lv'));
  assert.equal(stem('pvn', 'lv'), 'pvn');
  assert.equal(stem('2026', 'lv'), '2026');
});

test('English forms meet', () => {
  sameStem('en', ['registration', 'register', 'registering', 'registers']);
  sameStem('en', ['company', 'companies']);
  sameStem('en', ['benefit', 'benefits']);
  sameStem('en', ['declaration', 'declare', 'declaring']);
});

test('query words are folded and lose stop words, unless nothing else is left', () => {
  assert.deepEqual(queryWords('Kā reģistrēt UZŅĒMUMU?', 'lv'), ['registret', 'uznemumu']);
  assert.deepEqual(queryWords('how to get a passport', 'en'), ['passport']);
  assert.deepEqual(queryWords('the', 'en'), ['the']);
});
