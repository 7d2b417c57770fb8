/**
 * The catalog's console forms without HTTP: a service's content survives the
 * trip through the editor's fields unchanged, empty rows are dropped, and
 * each problem names its field; the institution form checks its contacts.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { ServiceContent } from '../../index.js';
import { parseInstitutionForm } from './institutions.pages.js';
import { blankForm, changedParts, contentToForm, parseServiceForm, rowCount, splitDuration, withAnotherRow, type FormValues } from './services.form.js';

const text = (lv: string, en: string) => ({ lv, en });

const full: ServiceContent = {
  identifier: 'PMLP-42',
  title: text('Ceļošanas dokumenta izsniegšana', 'Issue of a travel document'),
  description: text('Izsniedz ceļošanas dokumentu.\n\nOtrā rindkopa.', 'Issues a travel document.'),
  keywords: { lv: ['pase', 'ceļošana'], en: ['passport'] },
  audience: ['citizen', 'business'],
  events: ['birth', 'moving'],
  channels: [
    { type: 'online', url: 'https://example.lv/e', processingTime: 'P10D', description: text('Ar eParakstu', 'With eSignature') },
    { type: 'in_person', address: text('Rīga', 'Riga'), openingHours: text('P.–Pk.', 'Mon–Fri'), processingTime: 'PT2H', phone: '+371 67209400', email: 'info@example.lv' },
  ],
  processingTime: 'P1M15D',
  costs: [{ value: 12.5, currency: 'EUR', description: text('Valsts nodeva', 'State fee') }],
  requirements: [{ name: text('Pilngadība', 'Being of age') }],
  evidence: [{ name: text('Foto', 'Photo'), description: text('35×45 mm', '35×45 mm') }],
  outputs: [{ name: text('Pase', 'Passport') }],
  steps: [{ name: text('Piesakieties', 'Apply') }, { name: text('Saņemiet', 'Collect') }],
  legalBasis: [{ title: text('Personu apliecinošu dokumentu likums', 'Personal Identification Documents Law'), url: 'https://likumi.lv/ta/id/243484' }],
  languages: ['lv', 'en'],
  contactPoint: { email: 'pmlp@example.lv', phone: '+371 67209400', url: 'https://www.pmlp.gov.lv', address: text('Čiekurkalna 1. līnija 1', 'Čiekurkalna 1. līnija 1') },
};

const EVENTS = ['birth', 'moving', 'company'];

describe('the service editor’s form', () => {
  test('a service’s content comes back unchanged from its fields, with one blank row after each part', () => {
    const form = contentToForm(full);
    assert.equal(rowCount(form, 'steps'), 3);
    assert.equal(rowCount(form, 'costs'), 2);
    assert.equal(form['processingTime.unit'], 'iso');
    assert.equal(form['channels.1.processingTime.unit'], 'H');
    const parsed = parseServiceForm(form, EVENTS);
    assert.deepEqual(parsed.errors, []);
    assert.deepEqual(parsed.content, full);
    assert.deepEqual(changedParts(parsed.content, full), []);
  });

  test('a blank form names the required fields; the Latvian title first', () => {
    const parsed = parseServiceForm(blankForm(), EVENTS);
    assert.deepEqual(
      parsed.errors.map((error) => [error.field, error.key]),
      [
        ['title.lv', 'error.title.lv'],
        ['title.en', 'error.title.en'],
        ['description.lv', 'error.description.lv'],
        ['description.en', 'error.description.en'],
        ['audience', 'error.audience'],
      ],
    );
  });

  test('rows left empty are dropped, and errors in a row name the form row they are in', () => {
    const form: FormValues = {
      ...contentToForm({ ...full, steps: [] }),
      'rows.steps': '3',
      'steps.1.name.lv': 'Tikai latviski',
      'costs.0.value': 'daudz',
      'channels.0.url': 'ftp://example.lv',
      'channels.1.type': '',
      'legalBasis.0.url': '',
    };
    const parsed = parseServiceForm(form, EVENTS);
    assert.deepEqual(
      parsed.errors.map((error) => [error.field, error.key, error.row?.index]),
      [
        ['channels.0.url', 'error.url', 0],
        ['channels.1.type', 'error.channelType', 1],
        ['costs.0.value', 'error.costValue', 0],
        ['steps.1.name.en', 'error.name.en', 1],
      ],
    );
    assert.deepEqual(parsed.rowsKept.steps, [1]);
  });

  test('durations as a number and unit, or as ISO 8601', () => {
    assert.deepEqual(splitDuration('P30D'), { amount: '30', unit: 'D' });
    assert.deepEqual(splitDuration('PT1H'), { amount: '1', unit: 'H' });
    assert.deepEqual(splitDuration('P1Y'), { amount: '1', unit: 'Y' });
    assert.deepEqual(splitDuration(undefined), { amount: '', unit: 'D' });
    const base = contentToForm(full);
    const read = (amount: string, unit: string) => parseServiceForm({ ...base, 'processingTime.amount': amount, 'processingTime.unit': unit }, EVENTS);
    assert.equal(read('3', 'W').content.processingTime, 'P3W');
    assert.equal(read('p2m', 'iso').content.processingTime, 'P2M');
    assert.equal(read('', 'D').content.processingTime, undefined);
    assert.deepEqual(read('trīs', 'D').errors.map((error) => error.key), ['error.amount']);
    assert.deepEqual(read('P', 'iso').errors.map((error) => error.key), ['error.iso']);
    assert.deepEqual(read('3', 'fortnights').errors.map((error) => error.key), ['error.unit']);
  });

  test('"add another" shows one more row, up to the register’s limit', () => {
    const form = blankForm();
    assert.equal(rowCount(withAnotherRow(form, 'steps'), 'steps'), 2);
    assert.equal(rowCount(withAnotherRow({ ...form, 'rows.outputs': '20' }, 'outputs'), 'outputs'), 20);
    assert.equal(rowCount({ 'rows.steps': '-4' }, 'steps'), 1);
    assert.equal(rowCount({ 'rows.steps': '1e9' }, 'steps'), 1);
  });

  test('unknown events, missing languages and one-language texts are refused', () => {
    const form = { ...contentToForm(full), events: ['birth', 'nav-tadas'], languages: [], 'contactPoint.openingHours.en': 'Mon–Fri' };
    assert.deepEqual(
      parseServiceForm(form, EVENTS).errors.map((error) => [error.field, error.key]),
      [
        ['events', 'error.events'],
        ['languages', 'error.languages'],
        ['contactPoint.openingHours.lv', 'error.pair.lv'],
      ],
    );
  });

  test('the conflict message names the parts that differ', () => {
    const theirs = { ...full, title: text('Cits nosaukums', 'Another title'), audience: ['business', 'citizen'] as ServiceContent['audience'] };
    assert.deepEqual(changedParts(full, theirs), ['title']);
  });
});

describe('the institution form', () => {
  test('names are required in both languages; contacts are checked', () => {
    const { errors } = parseInstitutionForm({ code: 'Ne derīgs', 'name.lv': 'Iestāde', registrationNumber: '123', homepage: 'pmlp.gov.lv', 'contactPoint.address.lv': 'Rīga' }, true);
    assert.deepEqual(
      errors.map((error) => [error.field, error.key]),
      [
        ['code', 'institutions.error.code'],
        ['name.en', 'institutions.error.nameEn'],
        ['shortName.lv', 'institutions.error.shortNameLv'],
        ['shortName.en', 'institutions.error.shortNameEn'],
        ['registrationNumber', 'institutions.error.registrationNumber'],
        ['homepage', 'common.error.url'],
        ['contactPoint.address.en', 'common.error.pairEn'],
      ],
    );
  });
});
