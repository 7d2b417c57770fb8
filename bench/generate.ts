/** Deterministic synthetic services for benchmarks: realistic Latvian/English words, seeded. */
import type { ServiceContent } from '../src/modules/catalog/index.js';

const SUBJECTS: [string, string][] = [
  ['dzimšanas', 'birth'], ['dzīvesvietas', 'residence'], ['pases', 'passport'], ['uzņēmuma', 'company'], ['būvniecības', 'construction'],
  ['transportlīdzekļa', 'vehicle'], ['zemes', 'land'], ['pensijas', 'pension'], ['pabalsta', 'benefit'], ['nodokļa', 'tax'],
  ['licences', 'licence'], ['atļaujas', 'permit'], ['laulības', 'marriage'], ['mācību', 'study'], ['veselības', 'health'],
  ['bezdarbnieka', 'unemployment'], ['īpašuma', 'property'], ['mežu', 'forest'], ['zvejas', 'fishing'], ['ieroču', 'firearms'],
];
const ACTIONS: [string, string][] = [
  ['reģistrācija', 'registration'], ['deklarēšana', 'declaration'], ['izsniegšana', 'issuing'], ['pagarināšana', 'renewal'],
  ['maiņa', 'change'], ['anulēšana', 'cancellation'], ['pieprasīšana', 'request'], ['izziņa', 'certificate'], ['pārreģistrācija', 're-registration'],
];
const PLACES = ['Rīgā', 'Jelgavā', 'Liepājā', 'Daugavpilī', 'Valmierā', 'Ventspilī', 'Cēsīs', 'Talsos', 'Kuldīgā', 'Siguldā'];

/** mulberry32: small, fast, good enough for reproducible test data. */
export function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(rnd: () => number, items: T[]): T => items[Math.floor(rnd() * items.length)] as T;

export function generateService(n: number, rnd: () => number, events: string[]): ServiceContent & { slug: string; identifier: string } {
  const [subjectLv, subjectEn] = pick(rnd, SUBJECTS);
  const [actionLv, actionEn] = pick(rnd, ACTIONS);
  const place = pick(rnd, PLACES);
  const online = rnd() < 0.7;
  return {
    slug: `bench-${n}`,
    identifier: `BENCH-${n}`,
    title: { lv: `${subjectLv[0]?.toUpperCase()}${subjectLv.slice(1)} ${actionLv} ${place} (${n})`, en: `${subjectEn[0]?.toUpperCase()}${subjectEn.slice(1)} ${actionEn} in ${place} (${n})` },
    description: {
      lv: `Pakalpojums ${subjectLv} ${actionLv} iedzīvotājiem un uzņēmējiem. Pieteikumu izskata ${Math.ceil(rnd() * 30)} darba dienu laikā.`,
      en: `The ${subjectEn} ${actionEn} service for residents and businesses. Applications are decided within ${Math.ceil(rnd() * 30)} working days.`,
    },
    keywords: { lv: [subjectLv, actionLv], en: [subjectEn, actionEn] },
    audience: rnd() < 0.7 ? ['citizen'] : ['business'],
    events: [pick(rnd, events)],
    channels: online ? [{ type: 'online', url: `https://example.lv/e/${n}`, processingTime: 'P5D' }] : [{ type: 'in_person', processingTime: 'P10D' }],
    processingTime: `P${Math.ceil(rnd() * 30)}D`,
    costs: rnd() < 0.5 ? [] : [{ value: Math.round(rnd() * 10000) / 100, currency: 'EUR', description: { lv: 'Valsts nodeva', en: 'State fee' } }],
    requirements: [],
    evidence: [],
    outputs: [],
    steps: [],
    legalBasis: [],
    languages: ['lv'],
  };
}

export const SEARCH_TERMS = [
  'dzimsanas', 'dzīvesvietas deklarēšana', 'pase', 'uznemuma registracija', 'buvniecibas atlauja', 'pensija', 'nodokl', 'licence',
  'zemes', 'Rīgā', 'izzina', 'transportlidzekla parregistracija', 'veselibas', 'mezu', 'laulibas', 'ierocu atlaujas',
];
