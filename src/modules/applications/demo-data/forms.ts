/**
 * Service-specific e-forms of the demo's flagship services (by catalog slug).
 * Every other online service gets the generic form. The fields follow what
 * the real e-services ask, simplified.
 */
import { extendForm, type FormExtension } from '../forms.defaults.js';
import type { FormPresentation, JsonSchema } from '../applications.schemas.js';
import { passport } from './forms.passport.js';

const t = (lv: string, en: string) => ({ lv, en });

const PDF_OR_IMAGE = ['application/pdf', 'image/png', 'image/jpeg'];
const EU_COUNTRIES = ['AT', 'BE', 'BG', 'CY', 'CZ', 'DE', 'DK', 'EE', 'ES', 'FI', 'FR', 'GR', 'HR', 'HU', 'IE', 'IT', 'LT', 'LU', 'MT', 'NL', 'PL', 'PT', 'RO', 'SE', 'SI', 'SK'];

const birthRegistration: FormExtension = {
  step: { id: 'child', title: t('Bērns', 'The child'), fields: ['childGivenName', 'childFamilyName', 'birthDate', 'birthPlace', 'childSex', 'bornInHospital', 'parentsMarried', 'secondParentPersonalCode'] },
  properties: {
    childGivenName: { type: 'string', minLength: 1, maxLength: 100 },
    childFamilyName: { type: 'string', minLength: 1, maxLength: 100 },
    birthDate: { type: 'string', format: 'date' },
    birthPlace: { type: 'string', minLength: 2, maxLength: 200 },
    childSex: { enum: ['female', 'male'] },
    bornInHospital: { type: 'boolean' },
    parentsMarried: { type: 'boolean' },
    secondParentPersonalCode: { type: 'string', format: 'personal-code' },
  },
  required: ['childGivenName', 'childFamilyName', 'birthDate', 'birthPlace', 'childSex', 'bornInHospital', 'parentsMarried'],
  allOf: [{ if: { properties: { parentsMarried: { const: true } }, required: ['parentsMarried'] }, then: { required: ['secondParentPersonalCode'] } }],
  fields: {
    childGivenName: { label: t('Bērna vārds', 'Child’s given name'), widget: 'text' },
    childFamilyName: { label: t('Bērna uzvārds', 'Child’s family name'), widget: 'text' },
    birthDate: { label: t('Dzimšanas datums', 'Date of birth'), widget: 'date' },
    birthPlace: { label: t('Dzimšanas vieta', 'Place of birth'), help: t('Pilsēta vai novads', 'City or municipality'), widget: 'text' },
    childSex: { label: t('Dzimums', 'Sex'), widget: 'radio', options: [{ value: 'female', label: t('Sieviete', 'Female') }, { value: 'male', label: t('Vīrietis', 'Male') }] },
    bornInHospital: { label: t('Bērns dzimis Latvijas ārstniecības iestādē', 'The child was born in a Latvian medical institution'), widget: 'checkbox' },
    parentsMarried: { label: t('Vecāki ir laulībā', 'The parents are married'), widget: 'checkbox' },
    secondParentPersonalCode: {
      label: t('Otra vecāka personas kods', 'Personal code of the other parent'),
      help: t('Otrs vecāks apstiprinās pieteikumu savā darba vietā.', 'The other parent confirms the application in their workspace.'),
      widget: 'personal-code',
      showIf: { field: 'parentsMarried', equals: true },
    },
  },
  attachments: [
    {
      name: 'medical_certificate',
      title: t('Ārstniecības iestādes izziņa par dzimšanu', 'Medical certificate of birth'),
      help: t('Vajadzīga, ja bērns dzimis ārpus ārstniecības iestādes.', 'Needed if the child was born outside a medical institution.'),
      required: true,
      maxBytes: 10 * 1024 * 1024,
      mediaTypes: PDF_OR_IMAGE,
      maxFiles: 2,
      showIf: { field: 'bornInHospital', equals: false },
    },
  ],
  requestOptional: true,
};

const declaringResidence: FormExtension = {
  step: { id: 'residence', title: t('Dzīvesvieta', 'Residence'), fields: ['address', 'movedInOn', 'basis', 'householdSize'] },
  properties: {
    address: { type: 'string', minLength: 5, maxLength: 300 },
    movedInOn: { type: 'string', format: 'date' },
    basis: { enum: ['owner', 'tenant', 'family_member', 'other'] },
    householdSize: { type: 'integer', minimum: 1, maximum: 20 },
  },
  required: ['address', 'movedInOn', 'basis'],
  fields: {
    address: { label: t('Jaunās dzīvesvietas adrese', 'Address of the new residence'), help: t('Iela, māja, dzīvoklis, pilsēta vai novads, pasta indekss', 'Street, building, flat, city or municipality, postcode'), widget: 'text', autocomplete: 'street-address' },
    movedInOn: { label: t('Dzīvesvietā dzīvoju kopš', 'Living there since'), widget: 'date' },
    basis: {
      label: t('Tiesiskais pamats dzīvot šajā adresē', 'Legal ground to live at this address'),
      widget: 'radio',
      options: [
        { value: 'owner', label: t('Esmu īpašnieks', 'I own it') },
        { value: 'tenant', label: t('Īrēju', 'I rent it') },
        { value: 'family_member', label: t('Īpašnieka ģimenes loceklis', 'Family member of the owner') },
        { value: 'other', label: t('Cits pamats', 'Other ground') },
      ],
    },
    householdSize: { label: t('Cik personu, ieskaitot jūs, deklarē šo adresi (nav obligāts)', 'How many people, you included, declare this address (optional)'), widget: 'number' },
  },
  attachments: [
    {
      name: 'lease_contract',
      title: t('Īres līgums', 'Lease contract'),
      required: true,
      maxBytes: 10 * 1024 * 1024,
      mediaTypes: PDF_OR_IMAGE,
      maxFiles: 3,
      showIf: { field: 'basis', equals: 'tenant' },
    },
  ],
  requestOptional: true,
};

const childBirthBenefit: FormExtension = {
  step: { id: 'benefit', title: t('Pabalsts', 'Benefit'), fields: ['childPersonalCode', 'childGivenName', 'iban'] },
  properties: {
    childPersonalCode: { type: 'string', format: 'personal-code' },
    childGivenName: { type: 'string', minLength: 1, maxLength: 100 },
    iban: { type: 'string', format: 'iban', maxLength: 34 },
  },
  required: ['childPersonalCode', 'childGivenName', 'iban'],
  fields: {
    childPersonalCode: { label: t('Bērna personas kods', 'Child’s personal code'), widget: 'personal-code' },
    childGivenName: { label: t('Bērna vārds', 'Child’s given name'), widget: 'text' },
    iban: { label: t('Konta numurs (IBAN) pabalsta izmaksai', 'Account number (IBAN) for the payment'), help: t('Kontam jābūt uz jūsu vārda.', 'The account must be in your name.'), widget: 'text' },
  },
  requestOptional: true,
};

const vatRegistration: FormExtension = {
  step: { id: 'business', title: t('Saimnieciskā darbība', 'Business activity'), fields: ['registrationNumber', 'expectedTurnover', 'activity', 'startDate', 'euTrade', 'euCountries'] },
  properties: {
    registrationNumber: { type: 'string', format: 'registration-number' },
    expectedTurnover: { type: 'number', minimum: 0, maximum: 10_000_000_000 },
    activity: { type: 'string', minLength: 10, maxLength: 2000 },
    startDate: { type: 'string', format: 'date' },
    euTrade: { type: 'boolean' },
    euCountries: { type: 'array', items: { enum: EU_COUNTRIES }, minItems: 1, maxItems: EU_COUNTRIES.length, uniqueItems: true },
  },
  required: ['registrationNumber', 'expectedTurnover', 'activity', 'startDate', 'euTrade'],
  allOf: [{ if: { properties: { euTrade: { const: true } }, required: ['euTrade'] }, then: { required: ['euCountries'] } }],
  fields: {
    registrationNumber: { label: t('Reģistrācijas numurs', 'Registration number'), widget: 'text', prefill: 'party' },
    expectedTurnover: { label: t('Paredzamais apgrozījums 12 mēnešos, EUR', 'Expected turnover in 12 months, EUR'), widget: 'number' },
    activity: { label: t('Saimnieciskās darbības apraksts', 'Description of the business activity'), widget: 'textarea' },
    startDate: { label: t('No kura datuma reģistrēt', 'Register from'), widget: 'date' },
    euTrade: { label: t('Darījumi ar citu ES valstu uzņēmumiem', 'Trade with businesses in other EU countries'), widget: 'checkbox' },
    euCountries: {
      label: t('ES valstis', 'EU countries'),
      widget: 'select',
      options: EU_COUNTRIES.map((code) => ({ value: code, label: t(code, code) })),
      showIf: { field: 'euTrade', equals: true },
    },
  },
  requestOptional: true,
};

export const flagshipForms: Record<string, FormExtension> = {
  'dzimsanas-registracija': birthRegistration,
  'dzivesvietas-deklaresana': declaringResidence,
  'berna-piedzimsanas-pabalsts': childBirthBenefit,
  'registracija-pvn-maksataju-registra': vatRegistration,
  'pases-izsniegsana': passport,
};

export function demoFormFor(slug: string): { schema: JsonSchema; presentation: FormPresentation } | undefined {
  const extension = flagshipForms[slug];
  return extension ? extendForm(extension) : undefined;
}

/** PMLP words some statuses its own way (P8: institution-specific labels). */
export const demoLabels = {
  pmlp: {
    received: t('Reģistrēts PMLP', 'Registered by the OCMA'),
    in_progress: t('Izskatīšanā', 'Under review'),
    awaiting_client: t('Nepieciešama papildu informācija', 'More information needed'),
  },
} as const;
