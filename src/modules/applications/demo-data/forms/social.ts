/**
 * Forms of social insurance benefits (VSAA): the unemployment benefit, the
 * old-age pension and the funeral benefit. Each is paid to a bank account,
 * checked by its IBAN check digits; the pension may also come by post to the
 * declared residence.
 */
import type { FormExtension } from '../../forms.defaults.js';
import { DATE, GIVEN_TEXT, IBAN, ibanField, PERSONAL_CODE, requiredWhen, slot, t, text, yesNo } from './common.js';

export const unemploymentBenefit: FormExtension = {
  step: {
    id: 'unemployment',
    title: t('Bezdarbs', 'Unemployment'),
    description: t('Pabalstu var pieprasīt, ja NVA jums ir piešķīrusi bezdarbnieka statusu.', 'You can claim once the State Employment Agency has given you unemployed status.'),
    fields: ['unemployedSince', 'lastEmployer', 'endReason', 'severance', 'workedAbroad'],
  },
  moreSteps: [{ id: 'payment', title: t('Izmaksa', 'Payment'), fields: ['iban'] }],
  properties: {
    unemployedSince: DATE,
    lastEmployer: text(2, 200),
    endReason: { enum: ['employer', 'agreement', 'own_will', 'term_ended'] },
    severance: { type: 'boolean' },
    workedAbroad: { type: 'boolean' },
    iban: IBAN,
  },
  required: ['unemployedSince', 'lastEmployer', 'endReason', 'severance', 'workedAbroad', 'iban'],
  fields: {
    unemployedSince: { label: t('Bezdarbnieka statuss piešķirts no', 'Unemployed status since'), widget: 'date' },
    lastEmployer: { label: t('Pēdējais darba devējs', 'Last employer'), widget: 'text' },
    endReason: {
      label: t('Kā beidzās darba attiecības', 'How the employment ended'),
      help: t('Ja aizgājāt pēc paša vēlēšanās bez svarīga iemesla, pabalstu izmaksā pēc 2 mēnešiem.', 'If you left of your own will without good reason, payment starts after 2 months.'),
      widget: 'radio',
      options: [
        { value: 'employer', label: t('Darba devējs uzteica', 'The employer gave notice') },
        { value: 'agreement', label: t('Pusēm vienojoties', 'By agreement') },
        { value: 'own_will', label: t('Pēc manas vēlēšanās', 'I resigned') },
        { value: 'term_ended', label: t('Beidzās darba līguma termiņš', 'The fixed-term contract ended') },
      ],
    },
    severance: yesNo(t('Saņēmu atlaišanas pabalstu', 'I received severance pay')),
    workedAbroad: yesNo(t('Pēdējos 12 mēnešos strādāju citā ES valstī', 'I worked in another EU country in the last 12 months'), t('Tad pievienojiet veidlapu U1 (E301).', 'Then add form U1 (E301).')),
    iban: ibanField(t('Bezdarbnieka pabalstu izmaksā tikai uz kontu, kas atvērts uz jūsu vārda.', 'The unemployment benefit is paid only to an account in your name.')),
  },
  attachments: [slot('u1_form', t('Veidlapa U1 (E301) par apdrošināšanas periodiem ārvalstīs', 'Form U1 (E301) on insurance periods abroad'), { showIf: { field: 'workedAbroad', equals: true } })],
  requestOptional: true,
};

export const oldAgePension: FormExtension = {
  step: { id: 'pension', title: t('Pensija', 'Pension'), fields: ['birthDate', 'grantFrom', 'raisedChildren', 'childrenCount', 'workedAbroad', 'countries'] },
  moreSteps: [{ id: 'payment', title: t('Izmaksa', 'Payment'), fields: ['paymentMethod', 'iban', 'postAddress'] }],
  properties: {
    birthDate: { type: 'string', format: 'date' },
    grantFrom: DATE,
    raisedChildren: { type: 'boolean' },
    childrenCount: { type: 'integer', minimum: 1, maximum: 20 },
    workedAbroad: { type: 'boolean' },
    countries: text(2, 300),
    paymentMethod: { enum: ['bank', 'post'] },
    iban: IBAN,
    postAddress: GIVEN_TEXT,
  },
  required: ['grantFrom', 'raisedChildren', 'workedAbroad', 'paymentMethod'],
  allOf: [requiredWhen('raisedChildren', true, ['childrenCount']), requiredWhen('workedAbroad', true, ['countries']), requiredWhen('paymentMethod', 'bank', ['iban'])],
  fields: {
    birthDate: { label: t('Dzimšanas datums', 'Date of birth'), help: t('Pensijas vecums 2026. gadā ir 65 gadi.', 'The pension age in 2026 is 65.'), widget: 'date', source: 'population.birthDate' },
    grantFrom: { label: t('Pensiju pieprasu no', 'Claiming the pension from'), help: t('Ne agrāk kā no dienas, kad sasniedzat pensijas vecumu.', 'No earlier than the day you reach pension age.'), widget: 'date' },
    raisedChildren: yesNo(t('Esmu audzinājis bērnus', 'I raised children'), t('Bērna kopšanas periodi līdz 1,5 gadu vecumam tiek ieskaitīti apdrošināšanas stāžā.', 'Periods of caring for a child up to 1.5 are counted as insurance periods.')),
    childrenCount: { label: t('Cik bērnu', 'How many children'), widget: 'number', showIf: { field: 'raisedChildren', equals: true } },
    workedAbroad: yesNo(t('Esmu strādājis ārvalstīs', 'I have worked abroad')),
    countries: { label: t('Valstis un gadi', 'Countries and years'), widget: 'text', showIf: { field: 'workedAbroad', equals: true } },
    paymentMethod: {
      label: t('Kā izmaksāt pensiju', 'How to pay the pension'),
      widget: 'radio',
      options: [
        { value: 'bank', label: t('Uz kontu bankā', 'To a bank account') },
        { value: 'post', label: t('Piegādāt mājās ar Latvijas Pastu', 'Delivered home by Latvijas Pasts') },
      ],
    },
    iban: { ...ibanField(), showIf: { field: 'paymentMethod', equals: 'bank' } },
    postAddress: { label: t('Piegādes adrese', 'Delivery address'), widget: 'text', source: 'population.address', showIf: { field: 'paymentMethod', equals: 'post' } },
  },
  attachments: [slot('employment_records', t('Darba stāžu apliecinoši dokumenti (nav obligāti)', 'Proof of employment periods (optional)'), { required: false, help: t('Darba grāmatiņa vai izziņas par periodiem, kas nav VSAA datos.', 'A work record book or certificates of periods VSAA does not hold.'), maxFiles: 5 })],
  requestOptional: true,
};

export const funeralBenefit: FormExtension = {
  step: { id: 'deceased', title: t('Mirušā persona', 'The deceased'), fields: ['deceasedPersonalCode', 'dateOfDeath', 'relationship', 'paidCosts', 'diedAbroad'] },
  moreSteps: [{ id: 'payment', title: t('Izmaksa', 'Payment'), fields: ['iban'] }],
  properties: {
    deceasedPersonalCode: PERSONAL_CODE,
    dateOfDeath: DATE,
    relationship: { enum: ['spouse', 'child', 'parent', 'other'] },
    paidCosts: { const: true },
    diedAbroad: { type: 'boolean' },
    iban: IBAN,
  },
  required: ['deceasedPersonalCode', 'dateOfDeath', 'relationship', 'paidCosts', 'diedAbroad', 'iban'],
  fields: {
    deceasedPersonalCode: { label: t('Mirušās personas personas kods', 'Personal code of the deceased'), widget: 'personal-code' },
    dateOfDeath: { label: t('Miršanas datums', 'Date of death'), help: t('Pabalstu var pieprasīt 12 mēnešu laikā.', 'The benefit can be claimed within 12 months.'), widget: 'date' },
    relationship: {
      label: t('Jūs esat mirušajam', 'You are the deceased’s'),
      widget: 'radio',
      options: [
        { value: 'spouse', label: t('Laulātais', 'Spouse') },
        { value: 'child', label: t('Bērns', 'Child') },
        { value: 'parent', label: t('Vecāks', 'Parent') },
        { value: 'other', label: t('Cita persona, kas veica apbedīšanu', 'Another person who arranged the funeral') },
      ],
    },
    paidCosts: yesNo(t('Apliecinu, ka segu apbedīšanas izdevumus', 'I confirm that I paid the funeral costs')),
    diedAbroad: yesNo(t('Persona mira ārvalstīs', 'The person died abroad'), t('Tad pievienojiet ārvalstīs izsniegto miršanas apliecību.', 'Then add the death certificate issued abroad.')),
    iban: ibanField(),
  },
  attachments: [slot('death_certificate', t('Ārvalstīs izsniegta miršanas apliecība', 'Death certificate issued abroad'), { showIf: { field: 'diedAbroad', equals: true } })],
  requestOptional: true,
};
