/**
 * The passport e-form (PMLP), modelled on the real application: why a new
 * passport is needed, how fast (10 or 2 working days) and whether a reduced
 * state fee applies, and where it is collected. The fee itself is not here:
 * the catalog's register holds the fees and the answers they depend on
 * (`speed`, `feeGroup`), and the form shows what is due before submission.
 */
import type { FormExtension } from '../forms.defaults.js';

const t = (lv: string, en: string) => ({ lv, en });

const OFFICES = [
  { value: 'riga-center', label: t('Rīgas 1. nodaļa, Čiekurkalna 1. līnija 1', 'Riga 1st office, Čiekurkalna 1. līnija 1') },
  { value: 'riga-left-bank', label: t('Rīgas 2. nodaļa, Ezermalas iela 10', 'Riga 2nd office, Ezermalas iela 10') },
  { value: 'daugavpils', label: t('Daugavpils nodaļa', 'Daugavpils office') },
  { value: 'liepaja', label: t('Liepājas nodaļa', 'Liepāja office') },
  { value: 'valmiera', label: t('Valmieras nodaļa', 'Valmiera office') },
];

export const passport: FormExtension = {
  step: { id: 'passport', title: t('Pase', 'Passport'), fields: ['reason', 'speed', 'feeGroup', 'reducedGround', 'collectAt'] },
  properties: {
    reason: { enum: ['expired', 'expiring', 'lost', 'damaged', 'data_changed', 'first'] },
    speed: { enum: ['10d', '2d'] },
    feeGroup: { enum: ['standard', 'reduced'] },
    reducedGround: { enum: ['child', 'pensioner', 'disability'] },
    collectAt: { enum: OFFICES.map((office) => office.value) },
  },
  required: ['reason', 'speed', 'feeGroup', 'collectAt'],
  allOf: [{ if: { properties: { feeGroup: { const: 'reduced' } }, required: ['feeGroup'] }, then: { required: ['reducedGround'] } }],
  fields: {
    reason: {
      label: t('Kāpēc vajadzīga jauna pase', 'Why you need a new passport'),
      widget: 'radio',
      options: [
        { value: 'expired', label: t('Derīguma termiņš ir beidzies', 'It has expired') },
        { value: 'expiring', label: t('Derīguma termiņš drīz beigsies', 'It expires soon') },
        { value: 'lost', label: t('Pase ir nozaudēta vai nozagta', 'It was lost or stolen') },
        { value: 'damaged', label: t('Pase ir bojāta', 'It is damaged') },
        { value: 'data_changed', label: t('Mainīti personas dati (piemēram, uzvārds)', 'My personal data changed (e.g. surname)') },
        { value: 'first', label: t('Pirmā pase', 'My first passport') },
      ],
    },
    speed: {
      label: t('Izsniegšanas termiņš', 'How soon'),
      help: t('Paātrināti izsniegta pase maksā vairāk; nodeva atkarīga no termiņa.', 'A faster passport costs more; the fee depends on how soon.'),
      widget: 'radio',
      options: [
        { value: '10d', label: t('10 darbdienu laikā', 'Within 10 working days') },
        { value: '2d', label: t('2 darbdienu laikā', 'Within 2 working days') },
      ],
    },
    feeGroup: {
      label: t('Valsts nodeva', 'State fee'),
      help: t(
        'Samazināta nodeva ir bērniem un jauniešiem līdz 20 gadu vecumam, pensionāriem un personām ar I vai II grupas invaliditāti. PMLP to pārbauda reģistros.',
        'A reduced fee applies to children and young people under 20, pensioners and persons with group I or II disability. The OCMA checks it in the registers.',
      ),
      widget: 'radio',
      options: [
        { value: 'standard', label: t('Pilna nodeva', 'Full fee') },
        { value: 'reduced', label: t('Samazināta nodeva', 'Reduced fee') },
      ],
    },
    reducedGround: {
      label: t('Samazinātās nodevas pamats', 'Ground for the reduced fee'),
      widget: 'radio',
      options: [
        { value: 'child', label: t('Bērns vai jaunietis līdz 20 gadu vecumam', 'Child or young person under 20') },
        { value: 'pensioner', label: t('Pensionārs', 'Pensioner') },
        { value: 'disability', label: t('I vai II grupas invaliditāte', 'Group I or II disability') },
      ],
      showIf: { field: 'feeGroup', equals: 'reduced' },
    },
    collectAt: { label: t('Kur saņemsiet pasi', 'Where you will collect the passport'), widget: 'select', options: OFFICES },
  },
  requestOptional: true,
};
