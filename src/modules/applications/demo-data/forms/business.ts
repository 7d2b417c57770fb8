/**
 * Forms of business services: registering a limited liability company (the
 * Register of Enterprises), registering for VAT (VID; the company's name and
 * legal address from the register) and registering as self-employed.
 */
import type { FormExtension } from '../../forms.defaults.js';
import { DATE, GIVEN_TEXT, NOTE, PERSONAL_CODE, registerNoteField, requiredWhen, slot, t, text } from './common.js';

const EU_COUNTRIES = ['AT', 'BE', 'BG', 'CY', 'CZ', 'DE', 'DK', 'EE', 'ES', 'FI', 'FR', 'GR', 'HR', 'HU', 'IE', 'IT', 'LT', 'LU', 'MT', 'NL', 'PL', 'PT', 'RO', 'SE', 'SI', 'SK'];

export const vatRegistration: FormExtension = {
  step: { id: 'business', title: t('Saimnieciskā darbība', 'Business activity'), fields: ['registrationNumber', 'companyName', 'legalAddress', 'expectedTurnover', 'activity', 'startDate', 'euTrade', 'euCountries', 'registerNote'] },
  properties: {
    registrationNumber: { type: 'string', format: 'registration-number' },
    companyName: GIVEN_TEXT,
    legalAddress: GIVEN_TEXT,
    expectedTurnover: { type: 'number', minimum: 0, maximum: 10_000_000_000 },
    activity: text(10, 2000),
    startDate: DATE,
    euTrade: { type: 'boolean' },
    euCountries: { type: 'array', items: { enum: EU_COUNTRIES }, minItems: 1, maxItems: EU_COUNTRIES.length, uniqueItems: true },
    registerNote: NOTE,
  },
  required: ['registrationNumber', 'expectedTurnover', 'activity', 'startDate', 'euTrade'],
  allOf: [requiredWhen('euTrade', true, ['euCountries'])],
  fields: {
    registrationNumber: { label: t('Reģistrācijas numurs', 'Registration number'), widget: 'text', prefill: 'party' },
    companyName: { label: t('Nosaukums', 'Name'), widget: 'text', source: 'companies.name' },
    legalAddress: { label: t('Juridiskā adrese', 'Legal address'), widget: 'text', source: 'companies.address' },
    expectedTurnover: { label: t('Paredzamais apgrozījums 12 mēnešos, EUR', 'Expected turnover in 12 months, EUR'), help: t('Reģistrēties obligāti, ja apgrozījums pārsniedz 50 000 EUR.', 'Registration is required above 50,000 EUR.'), widget: 'number' },
    activity: { label: t('Saimnieciskās darbības apraksts', 'Description of the business activity'), widget: 'textarea' },
    startDate: { label: t('No kura datuma reģistrēt', 'Register from'), widget: 'date' },
    euTrade: { label: t('Darījumi ar citu ES valstu uzņēmumiem', 'Trade with businesses in other EU countries'), widget: 'checkbox' },
    euCountries: {
      label: t('ES valstis', 'EU countries'),
      widget: 'select',
      options: EU_COUNTRIES.map((code) => ({ value: code, label: t(code, code) })),
      showIf: { field: 'euTrade', equals: true },
    },
    registerNote: registerNoteField,
  },
  requestOptional: true,
};

export const companyRegistration: FormExtension = {
  step: { id: 'company', title: t('Sabiedrība', 'Company'), fields: ['companyName', 'legalAddress', 'shareCapital', 'activity'] },
  moreSteps: [{ id: 'people', title: t('Dalībnieki un valde', 'Members and board'), fields: ['founders', 'boardMember', 'beneficialOwner'] }],
  properties: {
    companyName: { type: 'string', minLength: 3, maxLength: 200, pattern: '^SIA ' },
    legalAddress: text(5, 300),
    shareCapital: { type: 'number', minimum: 1, maximum: 100_000_000 },
    activity: text(5, 500),
    founders: { type: 'integer', minimum: 1, maximum: 50 },
    boardMember: PERSONAL_CODE,
    beneficialOwner: PERSONAL_CODE,
  },
  required: ['companyName', 'legalAddress', 'shareCapital', 'activity', 'founders', 'boardMember', 'beneficialOwner'],
  fields: {
    companyName: { label: t('Firma (nosaukums)', 'Company name'), help: t('Sākas ar „SIA ”, piemēram, SIA „Ozolkalns”. Pārbaudiet, vai tāds nosaukums vēl nav reģistrēts.', 'Starts with “SIA ”, e.g. SIA “Ozolkalns”. Check that the name is not yet taken.'), widget: 'text' },
    legalAddress: { label: t('Juridiskā adrese', 'Legal address'), help: t('Ja adrese nepieder dibinātājam, pievienojiet īpašnieka piekrišanu.', 'If a founder does not own it, add the owner’s consent.'), widget: 'text' },
    shareCapital: {
      label: t('Pamatkapitāls, EUR', 'Share capital, EUR'),
      help: t('Parasti vismaz 2800 EUR. Mazāks (no 1 EUR) ir atļauts, ja dalībnieki ir ne vairāk kā 5 fiziskas personas, kas visas ir arī valdē.', 'Usually at least 2,800 EUR. Less (from 1 EUR) is allowed when the members are at most 5 natural persons who all sit on the board.'),
      widget: 'number',
    },
    activity: { label: t('Galvenā darbība (NACE kods un apraksts)', 'Main activity (NACE code and description)'), widget: 'text' },
    founders: { label: t('Dalībnieku skaits', 'Number of members'), widget: 'number' },
    boardMember: { label: t('Valdes locekļa personas kods', 'Board member’s personal code'), help: t('Valdes loceklis piekrišanu apstiprina ar e-parakstu.', 'The board member consents with an e-signature.'), widget: 'personal-code' },
    beneficialOwner: { label: t('Patiesā labuma guvēja personas kods', 'Beneficial owner’s personal code'), widget: 'personal-code' },
  },
  attachments: [
    slot('articles', t('Statūti', 'Articles of association'), { maxFiles: 1 }),
    slot('founding_decision', t('Dibināšanas lēmums vai līgums', 'Founding decision or agreement'), { maxFiles: 1 }),
    slot('address_consent', t('Adreses īpašnieka piekrišana (nav obligāta)', 'Address owner’s consent (optional)'), { required: false, maxFiles: 1 }),
  ],
  requestOptional: true,
};

export const selfEmployedRegistration: FormExtension = {
  step: { id: 'activity', title: t('Saimnieciskā darbība', 'Business activity'), fields: ['address', 'activity', 'startDate', 'taxRegime', 'expectedIncome', 'registerNote'] },
  properties: {
    address: GIVEN_TEXT,
    activity: text(5, 500),
    startDate: DATE,
    taxRegime: { enum: ['general', 'micro'] },
    expectedIncome: { type: 'number', minimum: 0, maximum: 100_000_000 },
    registerNote: NOTE,
  },
  required: ['activity', 'startDate', 'taxRegime'],
  allOf: [requiredWhen('taxRegime', 'micro', ['expectedIncome'])],
  fields: {
    address: { label: t('Darbības vieta (deklarētā dzīvesvieta)', 'Place of business (declared residence)'), widget: 'text', source: 'population.address' },
    activity: { label: t('Darbības veids (NACE kods un apraksts)', 'Activity (NACE code and description)'), widget: 'text' },
    startDate: { label: t('Darbību sāku', 'Starting on'), widget: 'date' },
    taxRegime: {
      label: t('Nodokļu režīms', 'Tax regime'),
      widget: 'radio',
      options: [
        { value: 'general', label: t('Vispārējais (IIN no peļņas)', 'General (income tax on profit)') },
        { value: 'micro', label: t('Mikrouzņēmumu nodoklis (25 % no apgrozījuma līdz 25 000 EUR)', 'Micro-enterprise tax (25 % of turnover up to 25,000 EUR)') },
      ],
    },
    expectedIncome: { label: t('Paredzamais gada apgrozījums, EUR', 'Expected yearly turnover, EUR'), widget: 'number', showIf: { field: 'taxRegime', equals: 'micro' } },
    registerNote: registerNoteField,
  },
  requestOptional: true,
};
