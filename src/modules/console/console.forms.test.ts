/**
 * The console's forms without HTTP: a service's content survives the trip
 * through the editor's fields unchanged, empty rows are dropped, each problem
 * names its field, and the OpenID client form builds the metadata the
 * provider reads.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { generateKeyPair, exportJWK } from 'jose';
import type { ServiceContent } from '../catalog/index.js';
import { allows, staffOf } from './console.access.js';
import { parseClientForm } from './clients.form.js';
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

describe('the OpenID client form', () => {
  const institution = '00000000-0000-4000-8000-000000000001';

  test('a system client: client_credentials, a secret, an institution', async () => {
    const parsed = await parseClientForm({ clientId: 'vid-sistema', name: 'VID', grantTypes: 'client_credentials', scopes: ['catalog.read', 'nope'], authMethod: 'client_secret_basic', institution }, [institution], true);
    assert.deepEqual(parsed.errors, []);
    assert.deepEqual(parsed.metadata, {
      client_name: 'VID',
      redirect_uris: [],
      grant_types: ['client_credentials'],
      response_types: [],
      token_endpoint_auth_method: 'client_secret_basic',
      scope: 'catalog.read',
    });
    assert.equal(parsed.institutionId, institution);
  });

  test('a portal: code flow needs redirect URIs; refresh tokens need the code flow; keys must be public', async () => {
    const { publicKey, privateKey } = await generateKeyPair('ES256', { extractable: true });
    const jwks = JSON.stringify({ keys: [await exportJWK(publicKey)] });
    const ok = await parseClientForm(
      { clientId: 'portals', name: 'Portāls', grantTypes: ['authorization_code', 'refresh_token'], redirectUris: 'https://portals.example.lv/cb\nhttp://localhost:3001/cb', scopes: ['openid', 'profile'], authMethod: 'private_key_jwt', jwks },
      [],
      true,
    );
    assert.deepEqual(ok.errors, []);
    assert.deepEqual(ok.metadata.response_types, ['code']);
    assert.equal(ok.metadata.jwks?.keys.length, 1);

    const bad = await parseClientForm(
      { clientId: 'bad id!', name: '', grantTypes: ['refresh_token', 'client_credentials'], redirectUris: 'http://example.lv/cb', scopes: [], authMethod: 'private_key_jwt', jwks: JSON.stringify({ keys: [await exportJWK(privateKey)] }) },
      [],
      true,
    );
    assert.deepEqual(
      bad.errors.map((error) => [error.field, error.key]),
      [
        ['clientId', 'clients.error.id'],
        ['name', 'clients.error.name'],
        ['grantTypes', 'clients.error.refreshNeedsCode'],
        ['redirectUris', 'clients.error.redirectUri'],
        ['scopes', 'clients.error.scopes'],
        ['jwks', 'clients.error.jwksPrivate'],
        ['institution', 'clients.error.institution'],
      ],
    );
    const noUris = await parseClientForm({ clientId: 'x', name: 'X', grantTypes: 'authorization_code', scopes: 'openid', authMethod: 'client_secret_basic', jwks: 'ignored' }, [], true);
    assert.deepEqual(noUris.errors.map((error) => error.key), ['clients.error.redirectUris']);
    const garbage = await parseClientForm({ clientId: 'x', name: 'X', grantTypes: 'client_credentials', scopes: 'openid', authMethod: 'private_key_jwt', jwks: '{"keys":[{"kty":"EC"}]}', institution }, [institution], true);
    assert.deepEqual(garbage.errors.map((error) => error.key), ['clients.error.jwks']);
  });
});

describe('who may open which console page', () => {
  const person = (roles: { role: string; institutionId?: string }[]) => staffOf({ subject: 'p', kind: 'person', via: 'session', roles, scopes: [] });

  test('roles decide', () => {
    const ilze = person([
      { role: 'service_manager', institutionId: 'pmlp' },
      { role: 'case_handler', institutionId: 'pmlp' },
    ]);
    assert.deepEqual([allows(ilze, 'staff'), allows(ilze, 'services'), allows(ilze, 'staffRoles'), allows(ilze, 'platform')], [true, true, false, false]);
    const roberts = person([{ role: 'platform_admin' }, { role: 'support_agent' }]);
    assert.deepEqual([allows(roberts, 'staff'), allows(roberts, 'services'), allows(roberts, 'staffRoles'), allows(roberts, 'platform')], [true, true, true, true]);
    const admin = person([{ role: 'institution_admin', institutionId: 'vid' }]);
    assert.deepEqual([allows(admin, 'services'), allows(admin, 'staffRoles')], [false, true]);
    const anna = person([{ role: 'mandate_holder' }]);
    assert.equal(allows(anna, 'staff'), false);
  });
});
