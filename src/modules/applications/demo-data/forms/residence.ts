/**
 * Forms about where one lives and what one owns: declaring a residence (PMLP,
 * the current address shown as the register holds it), the European Health
 * Insurance Card (NVD, sent to the declared address) and real estate tax
 * relief (Riga, the property chosen from the cadastre).
 */
import type { FormExtension } from '../../forms.defaults.js';
import { DATE, GIVEN_TEXT, NOTE, PERSONAL_CODE, registerNoteField, requiredWhen, slot, t, text, yesNo } from './common.js';

export const declaringResidence: FormExtension = {
  step: {
    id: 'residence',
    title: t('Dzīvesvieta', 'Residence'),
    description: t('Deklarēt jāmaina viena mēneša laikā pēc pārcelšanās.', 'A new residence is declared within one month of moving.'),
    fields: ['currentAddress', 'address', 'movedInOn', 'basis', 'householdSize', 'registerNote'],
  },
  properties: {
    currentAddress: GIVEN_TEXT,
    address: text(5, 300),
    movedInOn: DATE,
    basis: { enum: ['owner', 'tenant', 'family_member', 'other'] },
    householdSize: { type: 'integer', minimum: 1, maximum: 20 },
    registerNote: NOTE,
  },
  required: ['address', 'movedInOn', 'basis'],
  fields: {
    currentAddress: { label: t('Pašreizējā deklarētā dzīvesvieta', 'Currently declared residence'), widget: 'text', source: 'population.address' },
    address: { label: t('Jaunās dzīvesvietas adrese', 'Address of the new residence'), help: t('Iela, māja, dzīvoklis, pilsēta vai novads, pasta indekss', 'Street, building, flat, city or municipality, postcode'), widget: 'textarea', autocomplete: 'street-address' },
    movedInOn: { label: t('Dzīvesvietā dzīvoju kopš', 'Living there since'), widget: 'date' },
    basis: {
      label: t('Tiesiskais pamats dzīvot šajā adresē', 'Legal ground to live at this address'),
      help: t('Ja neesat īpašnieks, pašvaldība var lūgt īpašnieka apliecinājumu.', 'If you are not the owner, the municipality may ask the owner to confirm.'),
      widget: 'radio',
      options: [
        { value: 'owner', label: t('Esmu īpašnieks', 'I own it') },
        { value: 'tenant', label: t('Īrēju', 'I rent it') },
        { value: 'family_member', label: t('Īpašnieka ģimenes loceklis', 'Family member of the owner') },
        { value: 'other', label: t('Cits pamats', 'Other ground') },
      ],
    },
    householdSize: { label: t('Cik personu, ieskaitot jūs, deklarē šo adresi (nav obligāts)', 'How many people, you included, declare this address (optional)'), widget: 'number' },
    registerNote: registerNoteField,
  },
  attachments: [slot('lease_contract', t('Īres līgums', 'Lease contract'), { showIf: { field: 'basis', equals: 'tenant' } })],
  requestOptional: true,
};

export const ehic: FormExtension = {
  step: { id: 'card', title: t('Karte', 'The card'), fields: ['forWhom', 'child', 'deliveryAddress', 'travelSoon', 'travelDate'] },
  properties: {
    forWhom: { enum: ['self', 'child'] },
    child: PERSONAL_CODE,
    deliveryAddress: GIVEN_TEXT,
    travelSoon: { type: 'boolean' },
    travelDate: DATE,
  },
  required: ['forWhom', 'travelSoon'],
  allOf: [requiredWhen('forWhom', 'child', ['child']), requiredWhen('travelSoon', true, ['travelDate'])],
  fields: {
    forWhom: {
      label: t('Kam karte vajadzīga', 'Who needs the card'),
      widget: 'radio',
      options: [
        { value: 'self', label: t('Man', 'Me') },
        { value: 'child', label: t('Manam bērnam', 'My child') },
      ],
    },
    child: { label: t('Bērns', 'Child'), widget: 'radio', source: 'population.children', showIf: { field: 'forWhom', equals: 'child' } },
    deliveryAddress: {
      label: t('Karti nosūtīsim uz deklarēto dzīvesvietu', 'The card is posted to the declared residence'),
      help: t('Karte derīga 3 gadus un ir bez maksas.', 'The card is valid for 3 years and free of charge.'),
      widget: 'text',
      source: 'population.address',
    },
    travelSoon: yesNo(t('Izbraucu tuvāko 10 dienu laikā', 'I leave within the next 10 days'), t('Tad izsniegsim arī karti aizvietojošu sertifikātu, ko nosūtīsim e-pastā.', 'We then also issue a replacement certificate, sent by e-mail.')),
    travelDate: { label: t('Izbraukšanas datums', 'Date of departure'), widget: 'date', showIf: { field: 'travelSoon', equals: true } },
  },
  requestOptional: true,
};

export const propertyTaxRelief: FormExtension = {
  step: { id: 'relief', title: t('Atvieglojums', 'Relief'), fields: ['property', 'ground', 'year', 'declaredThere'] },
  properties: {
    property: text(3, 40),
    ground: { enum: ['large_family', 'disability', 'repressed', 'low_income'] },
    year: { type: 'integer', minimum: 2026, maximum: 2030 },
    declaredThere: { type: 'boolean' },
  },
  required: ['property', 'ground', 'year', 'declaredThere'],
  fields: {
    property: {
      label: t('Īpašums', 'Property'),
      help: t('Atvieglojumu piešķir tikai mājoklim, kurā deklarēta dzīvesvieta.', 'Relief is granted only for the home where one’s residence is declared.'),
      widget: 'radio',
      source: 'property.owned',
    },
    ground: {
      label: t('Atvieglojuma pamats', 'Ground for relief'),
      widget: 'radio',
      options: [
        { value: 'large_family', label: t('Daudzbērnu ģimene (50 %)', 'Large family (50 %)') },
        { value: 'disability', label: t('I vai II grupas invaliditāte (50 %)', 'Disability of group I or II (50 %)') },
        { value: 'repressed', label: t('Politiski represēta persona (50 %)', 'Politically repressed person (50 %)') },
        { value: 'low_income', label: t('Trūcīga vai maznodrošināta persona (90 %)', 'Person in need or on low income (90 %)') },
      ],
    },
    year: { label: t('Taksācijas gads', 'Tax year'), widget: 'number' },
    declaredThere: yesNo(t('Manu dzīvesvieta ir deklarēta šajā īpašumā', 'My residence is declared at this property')),
  },
  attachments: [
    slot('low_income_decision', t('Sociālā dienesta lēmums par statusu', 'Social service’s decision on the status'), {
      help: t('Ja lēmumu pieņēmusi cita pašvaldība.', 'If another municipality decided it.'),
      required: false,
      showIf: { field: 'ground', equals: 'low_income' },
    }),
  ],
  requestOptional: true,
};
