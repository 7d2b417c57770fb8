/**
 * Word forms for search: diacritics and case folded away, then a light stemmer
 * of our own per language. Latvian inflects nouns, adjectives and verbs by
 * ending and derives action nouns from verbs (reģistrēt → reģistrēšana,
 * reģistrācija); cutting both kinds of suffix brings all of them to one stem
 * (`registr`). The stems need not be words: index and query go through the same
 * function, so only agreement between forms matters.
 */
import type { Lang } from './catalog.schemas.js';

/** Removes diacritics and case, as platform.fold() does in SQL. */
export function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}+/gu, '').toLowerCase();
}

/** Words of a text, folded; letters and digits only. */
export function words(text: string): string[] {
  return fold(text)
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word.length > 0);
}

// Endings on folded words, longest first: noun and adjective cases (incl. the
// definite adjective -ais/-aja/-ajam…), verb persons and participles.
const LATVIAN_ENDINGS = [
  'ajiem', 'ajam', 'ajai', 'ajos', 'ajas', 'amies', 'aties',
  'iem', 'ais', 'aja', 'ajo', 'ies',
  'am', 'as', 'es', 'is', 'us', 'os', 'ai', 'ei', 'em', 'im', 'um', 'ie',
  'a', 'e', 'i', 'u', 's', 'o',
].sort((a, b) => b.length - a.length);
// Derivations, tried after the ending is gone: action nouns (-šana, -ācija),
// infinitives (-ēt, -āt, -īt, -ot), agent and result nouns (-ums, -ējs, -tājs),
// abstract nouns (-ība).
const LATVIAN_DERIVATIONS = ['esan', 'asan', 'osan', 'isan', 'usan', 'san', 'acij', 'icij', 'ecij', 'cij', 'taj', 'um', 'ej', 'et', 'at', 'it', 'ot', 'ib'];
const MIN_STEM = 3;

function stripFirst(word: string, suffixes: readonly string[]): string {
  for (const suffix of suffixes) {
    if (word.endsWith(suffix) && word.length - suffix.length >= MIN_STEM) return word.slice(0, -suffix.length);
  }
  return word;
}

/** Stem of a folded Latvian word: `registresana`, `registracija`, `registret` → `registr`. */
export function stemLatvian(word: string): string {
  if (word.length <= MIN_STEM || /\d/.test(word)) return word;
  // Reflexive verbs (reģistrēties) lose the reflexive part first.
  const base = word.endsWith('ties') && word.length > 6 ? word.slice(0, -3) : word;
  const derived = stripFirst(stripFirst(base, LATVIAN_ENDINGS), LATVIAN_DERIVATIONS);
  // Infinitives in a consonant and -t (saņemt, izsniegt) meet their -šana nouns (saņemšana → saņem).
  return derived.length > 4 && /[^aeiou]t$/.test(derived) ? derived.slice(0, -1) : derived;
}

// A small Porter-like rule set: plural and verb forms, -ation/-ment/-er derivations.
const ENGLISH_RULES: [RegExp, string][] = [
  [/ies$/, 'y'],
  [/(ss|us)$/, '$1'],
  [/([^s])s$/, '$1'],
  [/'s$/, ''],
];
const ENGLISH_DERIVATIONS = ['isation', 'ization', 'ation', 'ition', 'ment', 'ness', 'ing', 'ed', 'er', 'al', 'ion', 'e', 'y'];

/** Stem of a folded English word: `registration`, `registering`, `registers` → `regist(r)`. */
export function stemEnglish(word: string): string {
  if (word.length <= MIN_STEM || /\d/.test(word)) return word;
  let stem = word;
  for (const [pattern, replacement] of ENGLISH_RULES) {
    if (pattern.test(stem)) {
      stem = stem.replace(pattern, replacement);
      break;
    }
  }
  // Twice: registering → register → regist.
  const derived = stripFirst(stripFirst(stem, ENGLISH_DERIVATIONS), ENGLISH_DERIVATIONS);
  // registration → registr, register → regist: a trailing -r after a consonant goes too, so both meet.
  return derived.length > 4 && /[^aeiou]r$/.test(derived) ? derived.slice(0, -1) : derived;
}

export function stem(word: string, lang: Lang): string {
  return lang === 'lv' ? stemLatvian(word) : stemEnglish(word);
}

/** Words that carry no meaning in a query ("how to get a passport", "kā saņemt pasi"). */
const STOP_WORDS: Record<Lang, ReadonlySet<string>> = {
  lv: new Set(['un', 'ar', 'par', 'ka', 'es', 'man', 'mans', 'mana', 'uz', 'no', 'pie', 'vai', 'ir', 'kur', 'kas', 'lai', 'bet', 'pec', 'iekš', 'iek', 'sev', 'savu', 'sava']),
  en: new Set(['a', 'an', 'the', 'to', 'how', 'i', 'my', 'me', 'for', 'of', 'in', 'on', 'do', 'can', 'and', 'or', 'is', 'are', 'what', 'where', 'with', 'get', 'apply', 'want', 'need']),
};

/** Query words without stop words (all of them, when nothing else is left). */
export function queryWords(q: string, lang: Lang): string[] {
  const all = words(q).slice(0, 12);
  const meaningful = all.filter((word) => !STOP_WORDS[lang].has(word));
  return meaningful.length > 0 ? meaningful : all;
}
