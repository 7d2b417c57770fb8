/**
 * Forms of CSDD's services: re-registering a vehicle to its new owner and
 * taking one off the register (the vehicle chosen from those the register
 * shows as the applicant's), and exchanging a driving licence.
 */
import type { FormExtension } from '../../forms.defaults.js';
import { DATE, GIVEN_TEXT, PERSONAL_CODE, requiredWhen, slot, t, text, yesNo } from './common.js';

const vehicleChoice = {
  label: t('Transportlīdzeklis', 'Vehicle'),
  help: t('Transportlīdzekļi, kuru īpašnieks reģistrā esat jūs.', 'Vehicles registered to you as the owner.'),
  widget: 'radio' as const,
  source: 'vehicles.owned' as const,
};
const PLATE = { type: 'string', pattern: '^[A-Z0-9-]{2,10}$' };

export const vehicleReRegistration: FormExtension = {
  step: { id: 'sale', title: t('Transportlīdzeklis un pircējs', 'Vehicle and buyer'), fields: ['vehicle', 'buyerKind', 'buyerPersonalCode', 'buyerRegistrationNumber', 'saleDate', 'odometer', 'price'] },
  properties: {
    vehicle: PLATE,
    buyerKind: { enum: ['person', 'company'] },
    buyerPersonalCode: PERSONAL_CODE,
    buyerRegistrationNumber: { type: 'string', format: 'registration-number' },
    saleDate: DATE,
    odometer: { type: 'integer', minimum: 0, maximum: 3_000_000 },
    price: { type: 'number', minimum: 0, maximum: 10_000_000 },
  },
  required: ['vehicle', 'buyerKind', 'saleDate', 'odometer'],
  allOf: [requiredWhen('buyerKind', 'person', ['buyerPersonalCode']), requiredWhen('buyerKind', 'company', ['buyerRegistrationNumber'])],
  fields: {
    vehicle: vehicleChoice,
    buyerKind: {
      label: t('Jaunais īpašnieks ir', 'The new owner is'),
      help: t('Jaunais īpašnieks apstiprina pirkumu savā darba vietā vai e.csdd.lv 5 darba dienu laikā.', 'The new owner confirms the purchase in their workspace or at e.csdd.lv within 5 working days.'),
      widget: 'radio',
      options: [
        { value: 'person', label: t('Fiziska persona', 'A person') },
        { value: 'company', label: t('Uzņēmums', 'A company') },
      ],
    },
    buyerPersonalCode: { label: t('Pircēja personas kods', 'Buyer’s personal code'), widget: 'personal-code', showIf: { field: 'buyerKind', equals: 'person' } },
    buyerRegistrationNumber: { label: t('Pircēja reģistrācijas numurs', 'Buyer’s registration number'), widget: 'text', showIf: { field: 'buyerKind', equals: 'company' } },
    saleDate: { label: t('Pārdošanas datums', 'Date of sale'), widget: 'date' },
    odometer: { label: t('Odometra rādījums, km', 'Odometer reading, km'), widget: 'number' },
    price: { label: t('Darījuma summa, EUR (nav obligāta)', 'Price, EUR (optional)'), widget: 'number' },
  },
  attachments: [slot('sale_contract', t('Pirkuma līgums (nav obligāts)', 'Sale contract (optional)'), { required: false, maxFiles: 1 })],
  requestOptional: true,
};

export const vehicleDeregistration: FormExtension = {
  step: { id: 'vehicle', title: t('Transportlīdzeklis', 'Vehicle'), fields: ['vehicle', 'reason', 'country', 'until'] },
  properties: {
    vehicle: PLATE,
    reason: { enum: ['scrapped', 'exported', 'temporary'] },
    country: text(2, 100),
    until: DATE,
  },
  required: ['vehicle', 'reason'],
  allOf: [requiredWhen('reason', 'exported', ['country']), requiredWhen('reason', 'temporary', ['until'])],
  fields: {
    vehicle: vehicleChoice,
    reason: {
      label: t('Iemesls', 'Reason'),
      widget: 'radio',
      options: [
        { value: 'scrapped', label: t('Nodots utilizācijai', 'Scrapped') },
        { value: 'exported', label: t('Izvests uz ārvalstīm', 'Exported') },
        { value: 'temporary', label: t('Īslaicīgi (līdz noteiktam datumam)', 'Temporarily (until a date)') },
      ],
    },
    country: { label: t('Valsts, uz kuru izvests', 'Country of export'), widget: 'text', showIf: { field: 'reason', equals: 'exported' } },
    until: { label: t('Līdz kuram datumam', 'Until'), widget: 'date', showIf: { field: 'reason', equals: 'temporary' } },
  },
  attachments: [slot('scrapping_certificate', t('Apstrādes uzņēmuma izziņa par nodošanu utilizācijai', 'Certificate of destruction from the treatment facility'), { showIf: { field: 'reason', equals: 'scrapped' }, maxFiles: 1 })],
  requestOptional: true,
};

export const drivingLicenceExchange: FormExtension = {
  step: { id: 'licence', title: t('Vadītāja apliecība', 'Driving licence'), fields: ['holderName', 'reason', 'foreignCountry', 'licenceNumber', 'healthCertificate'] },
  moreSteps: [{ id: 'delivery', title: t('Saņemšana', 'Collection'), fields: ['delivery', 'office', 'postAddress'] }],
  properties: {
    holderName: GIVEN_TEXT,
    reason: { enum: ['expired', 'lost', 'damaged', 'data_changed', 'foreign'] },
    foreignCountry: text(2, 100),
    licenceNumber: { type: 'string', pattern: '^[A-Za-z0-9 ]{5,20}$' },
    healthCertificate: { const: true },
    delivery: { enum: ['office', 'post'] },
    office: { enum: ['riga_bikernieki', 'riga_jaunciema', 'daugavpils', 'liepaja', 'valmiera'] },
    postAddress: GIVEN_TEXT,
  },
  required: ['reason', 'healthCertificate', 'delivery'],
  allOf: [requiredWhen('reason', 'foreign', ['foreignCountry']), requiredWhen('delivery', 'office', ['office'])],
  fields: {
    holderName: { label: t('Vadītājs', 'Driver'), widget: 'text', source: 'population.name' },
    reason: {
      label: t('Kāpēc maināt apliecību', 'Why the licence is exchanged'),
      widget: 'radio',
      options: [
        { value: 'expired', label: t('Beidzas derīguma termiņš', 'It expires') },
        { value: 'lost', label: t('Nozaudēta vai nozagta', 'Lost or stolen') },
        { value: 'damaged', label: t('Bojāta', 'Damaged') },
        { value: 'data_changed', label: t('Mainījies vārds vai uzvārds', 'Name changed') },
        { value: 'foreign', label: t('Ārvalstīs izsniegta apliecība', 'Issued abroad') },
      ],
    },
    foreignCountry: { label: t('Izdevēja valsts', 'Issuing country'), widget: 'text', showIf: { field: 'reason', equals: 'foreign' } },
    licenceNumber: { label: t('Pašreizējās apliecības numurs (nav obligāts)', 'Number of the current licence (optional)'), widget: 'text' },
    healthCertificate: yesNo(t('Man ir derīga medicīniskā izziņa e-veselībā', 'I have a valid medical certificate in the e-health system'), t('Ģimenes ārsts vai arodārsts to ievada e-veselībā; CSDD to redz pats.', 'Your GP or occupational doctor enters it in e-health; CSDD sees it there.')),
    delivery: {
      label: t('Kā saņemt jauno apliecību', 'How to receive the new licence'),
      help: t('Fotoattēlu un parakstu ņemsim no PMLP, ja tie nav vecāki par 2 gadiem.', 'Photo and signature are taken from the OCMA if under 2 years old.'),
      widget: 'radio',
      options: [
        { value: 'office', label: t('CSDD nodaļā', 'At a CSDD office') },
        { value: 'post', label: t('Pa pastu uz deklarēto dzīvesvietu', 'By post to my declared residence') },
      ],
    },
    office: {
      label: t('CSDD nodaļa', 'CSDD office'),
      widget: 'select',
      showIf: { field: 'delivery', equals: 'office' },
      options: [
        { value: 'riga_bikernieki', label: t('Rīga, Bauskas iela', 'Riga, Bauskas iela') },
        { value: 'riga_jaunciema', label: t('Rīga, Jaunciema gatve', 'Riga, Jaunciema gatve') },
        { value: 'daugavpils', label: t('Daugavpils', 'Daugavpils') },
        { value: 'liepaja', label: t('Liepāja', 'Liepāja') },
        { value: 'valmiera', label: t('Valmiera', 'Valmiera') },
      ],
    },
    postAddress: { label: t('Piegādes adrese', 'Delivery address'), widget: 'text', source: 'population.address', showIf: { field: 'delivery', equals: 'post' } },
  },
  attachments: [
    slot('foreign_licence', t('Ārvalstu apliecības abas puses', 'Both sides of the foreign licence'), { showIf: { field: 'reason', equals: 'foreign' }, maxFiles: 2 }),
    slot('police_report', t('Policijas izziņa par zādzību (nav obligāta)', 'Police report of the theft (optional)'), { required: false, showIf: { field: 'reason', equals: 'lost' }, maxFiles: 1 }),
  ],
  requestOptional: true,
};
