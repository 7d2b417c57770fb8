/**
 * Translations for the portal pages: ICU messages (intl-messageformat, with
 * Intl.PluralRules for Latvian's zero/one/other plurals) in per-module message
 * tables, one table per language. The platform's own messages (layout, error
 * pages) live here; each module keeps its messages beside its pages and gets
 * its own typed `t` from `createTranslator`.
 */
import { IntlMessageFormat } from 'intl-messageformat';
import { boundedMemo } from '../memo.js';

export const LANGS = ['lv', 'en'] as const;
export type Lang = (typeof LANGS)[number];

/** Values that may be put into a message: `{name}`, `{count, plural, …}`. */
export type MessageValues = Record<string, string | number | Date>;

/** A module's messages: the same keys in every language. */
export type MessageTable<K extends string> = Record<Lang, Record<K, string>>;

export type Translator<K extends string> = (lang: Lang, key: K, values?: MessageValues) => string;

/** The locale used for number and date formatting in each language. */
export const LOCALE: Record<Lang, string> = { lv: 'lv-LV', en: 'en-GB' };

export function isLang(value: unknown): value is Lang {
  return value === 'lv' || value === 'en';
}

export function otherLang(lang: Lang): Lang {
  return lang === 'lv' ? 'en' : 'lv';
}

/** The language of a page from its path: English under `/en/`, Latvian elsewhere. */
export function langOfPath(url: string): Lang {
  const path = url.split('?')[0] ?? '';
  return path === '/en' || path.startsWith('/en/') ? 'en' : 'lv';
}

/**
 * The same page in the given language: Latvian pages live at the root, English
 * ones under `/en/` (`/` ↔ `/en/`, `/services/x` ↔ `/en/services/x`). The query
 * string is kept.
 */
export function pathInLang(url: string, lang: Lang): string {
  const queryAt = url.indexOf('?');
  const path = queryAt === -1 ? url : url.slice(0, queryAt);
  const query = queryAt === -1 ? '' : url.slice(queryAt);
  const bare = path === '/en' || path.startsWith('/en/') ? path.slice(3) || '/' : path;
  if (lang === 'lv') return bare + query;
  return (bare === '/' ? '/en/' : `/en${bare}`) + query;
}

/**
 * Makes a typed `t(lang, key, values?)` over a message table. Messages are
 * parsed once, on first use, and a message that fails to format falls back to
 * its source text rather than breaking the page.
 */
export function createTranslator<K extends string>(table: MessageTable<K>): Translator<K> {
  const compiled = new Map<string, IntlMessageFormat>();
  return (lang, key, values) => {
    const source = table[lang][key];
    if (values === undefined && !source.includes('{')) return source;
    const cacheKey = `${lang}\u0000${key}`;
    let format = compiled.get(cacheKey);
    if (!format) {
      format = new IntlMessageFormat(source, LOCALE[lang]);
      compiled.set(cacheKey, format);
    }
    try {
      const result = format.format(values);
      return Array.isArray(result) ? result.join('') : String(result);
    } catch {
      return source;
    }
  };
}

// ---- formatting ----

const DURATION_PARTS = ['years', 'months', 'weeks', 'days', 'hours', 'minutes', 'seconds'] as const;
type DurationPart = (typeof DURATION_PARTS)[number];

/** Units in words. Latvian takes the nominative after every number here ("30 dienas", "21 diena"). */
const unitMessages: MessageTable<DurationPart> = {
  lv: {
    years: '{count, plural, one {# gads} other {# gadi}}',
    months: '{count, plural, one {# mēnesis} other {# mēneši}}',
    weeks: '{count, plural, one {# nedēļa} other {# nedēļas}}',
    days: '{count, plural, one {# diena} other {# dienas}}',
    hours: '{count, plural, one {# stunda} other {# stundas}}',
    minutes: '{count, plural, one {# minūte} other {# minūtes}}',
    seconds: '{count, plural, one {# sekunde} other {# sekundes}}',
  },
  en: {
    years: '{count, plural, one {# year} other {# years}}',
    months: '{count, plural, one {# month} other {# months}}',
    weeks: '{count, plural, one {# week} other {# weeks}}',
    days: '{count, plural, one {# day} other {# days}}',
    hours: '{count, plural, one {# hour} other {# hours}}',
    minutes: '{count, plural, one {# minute} other {# minutes}}',
    seconds: '{count, plural, one {# second} other {# seconds}}',
  },
};
const unit = createTranslator(unitMessages);

const DURATION = /^P(?!$)(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?=\d)(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/;

/**
 * An ISO 8601 duration in words: `P30D` → "30 dienas" / "30 days",
 * `P1M15D` → "1 mēnesis un 15 dienas". Returns undefined for anything that is
 * not a duration, so callers can leave it out.
 */
export function formatDuration(duration: string, lang: Lang): string | undefined {
  return durations[lang](duration, () => durationInWords(duration, lang));
}

// The words of a duration, kept: a service page writes the same few terms in every channel and step, and
// building them (a plural format per part, a list format) had cost 0.15 ms of a page's CPU.
const durations: Record<Lang, (duration: string, work: () => string | undefined) => string | undefined> = { lv: boundedMemo(1_000), en: boundedMemo(1_000) };

function durationInWords(duration: string, lang: Lang): string | undefined {
  const match = DURATION.exec(duration.trim());
  if (!match) return undefined;
  const words: string[] = [];
  DURATION_PARTS.forEach((part, index) => {
    const value = match[index + 1];
    if (value !== undefined && Number(value) > 0) words.push(unit(lang, part, { count: Number(value) }));
  });
  // P0D and the like: "0 dienas" reads better than nothing.
  if (words.length === 0) return unit(lang, 'days', { count: 0 });
  return new Intl.ListFormat(LOCALE[lang], { type: 'conjunction', style: 'long' }).format(words);
}

// A money format per language and currency, made once: building one costs far more than formatting
// with it (a service page's costs had spent ~0.5 ms of its CPU building formats). A few currencies at most.
const moneyFormats = boundedMemo<Intl.NumberFormat | undefined>(100);

/** An amount of money: "12,50 €" in Latvian, "€12.50" in English. */
export function formatMoney(value: number, lang: Lang, currency = 'EUR'): string {
  const format = moneyFormats(`${lang} ${currency}`, () => {
    try {
      return new Intl.NumberFormat(LOCALE[lang], { style: 'currency', currency });
    } catch {
      return undefined; // not a currency ICU knows
    }
  });
  return format ? format.format(value) : `${value} ${currency}`;
}

// Made once per language: building an Intl.DateTimeFormat costs ~15 µs, formatting with one ~1 µs
// (a queue page of 50 rows formatted 100 dates, 5 ms of its CPU, mostly building formats).
const byLang = (options: Intl.DateTimeFormatOptions): Record<Lang, Intl.DateTimeFormat> => ({
  lv: new Intl.DateTimeFormat(LOCALE.lv, options),
  en: new Intl.DateTimeFormat(LOCALE.en, options),
});
const DATE_FORMAT = byLang({ day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/Riga' });
const DATE_TIME_FORMAT = byLang({ dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/Riga' });

// Dates formatted so far, per language: a list of 50 rows shows a few distinct due dates (end-of-day
// instants), and ICU's formatting is the dearest part of a row.
const formattedDates: Record<Lang, (iso: string, work: () => string) => string> = { lv: boundedMemo(10_000), en: boundedMemo(10_000) };

/** A date in words, in Latvian time: "2025. gada 5. marts" / "5 March 2025". */
export function formatDate(iso: string, lang: Lang): string {
  return formattedDates[lang](iso, () => DATE_FORMAT[lang].format(new Date(iso)));
}

/** A date and time, short, in Latvian time. */
export function formatDateTime(iso: string, lang: Lang): string {
  return DATE_TIME_FORMAT[lang].format(new Date(iso));
}

/** A plain number with the language's separators. */
export function formatNumber(value: number, lang: Lang): string {
  return new Intl.NumberFormat(LOCALE[lang]).format(value);
}

// ---- the platform's own messages ----

type PlatformKey =
  | 'platform.name'
  | 'platform.tagline'
  | 'layout.skipLink'
  | 'layout.navLabel'
  | 'layout.nav.citizens'
  | 'layout.nav.business'
  | 'layout.nav.workspace'
  | 'layout.nav.console'
  | 'layout.languageLabel'
  | 'layout.breadcrumbsLabel'
  | 'layout.footer.about'
  | 'layout.footer.aboutText'
  | 'layout.footer.apiDocs'
  | 'layout.footer.openSource'
  | 'layout.footer.licence'
  | 'layout.footer.linksLabel'
  | 'layout.footer.accessibility'
  | 'layout.footer.privacy'
  | 'layout.footer.cookies'
  | 'layout.footer.contact'
  | 'layout.titleSuffix'
  | 'page.titleError'
  | 'notFound.title'
  | 'notFound.lead'
  | 'notFound.address'
  | 'notFound.home'
  | 'offline.title'
  | 'offline.lead'
  | 'offline.kept'
  | 'offline.applications'
  | 'pwa.applications'
  | 'pwa.inbox';

const platformMessages: MessageTable<PlatformKey> = {
  lv: {
    'platform.name': 'Pakalpojumi',
    'platform.tagline': 'Valsts un pašvaldību pakalpojumi vienuviet',
    'layout.skipLink': 'Pāriet uz galveno saturu',
    'layout.navLabel': 'Galvenā izvēlne',
    'layout.nav.citizens': 'Iedzīvotājiem',
    'layout.nav.business': 'Uzņēmējiem',
    'layout.nav.workspace': 'Mana darba vieta',
    'layout.nav.console': 'Iestādēm',
    'layout.languageLabel': 'Valoda',
    'layout.breadcrumbsLabel': 'Atrašanās vieta',
    'layout.footer.about': 'Par platformu',
    'layout.footer.aboutText': 'Pakalpojumi ir vienota vieta, kur atrast, pieteikt, sekot un saņemt valsts un pašvaldību pakalpojumus digitāli.',
    'layout.footer.apiDocs': 'Izstrādātājiem: API',
    'layout.footer.openSource': 'Atvērtā pirmkoda programmatūra',
    'layout.footer.licence': 'Pirmkods pieejams ar EUPL-1.2 licenci.',
    'layout.footer.linksLabel': 'Saites',
    'layout.footer.accessibility': 'Piekļūstamība',
    'layout.footer.privacy': 'Privātums',
    'layout.footer.cookies': 'Sīkdatnes',
    'layout.footer.contact': 'Kontakti',
    'layout.titleSuffix': 'Pakalpojumi',
    'page.titleError': 'Kļūda: {title}',
    'notFound.title': 'Lapa nav atrasta',
    'notFound.lead': 'Diemžēl šāda lapa nav atrodama.',
    'notFound.address': 'Ja adresi ierakstījāt pats, pārbaudiet, vai tā ir pareiza. Ja sekojāt saitei, iespējams, lapa ir pārvietota vai vairs nepastāv.',
    'notFound.home': 'Atgriezties sākumlapā',
    'offline.title': 'Jūs esat bezsaistē',
    'offline.lead': 'Šo lapu nevar atvērt, jo nav interneta savienojuma. Mēģiniet vēlreiz, kad savienojums atjaunojas.',
    'offline.kept': 'Pieteikumi un rezultāti, ko pēdējos atvērāt savā darba vietā, ir lasāmi arī bezsaistē.',
    'offline.applications': 'Mani pieteikumi',
    'pwa.applications': 'Mani pieteikumi',
    'pwa.inbox': 'Paziņojumi',
  },
  en: {
    'platform.name': 'Pakalpojumi',
    'platform.tagline': 'Public services in one place',
    'layout.skipLink': 'Skip to main content',
    'layout.navLabel': 'Main menu',
    'layout.nav.citizens': 'For residents',
    'layout.nav.business': 'For businesses',
    'layout.nav.workspace': 'My workspace',
    'layout.nav.console': 'For institutions',
    'layout.languageLabel': 'Language',
    'layout.breadcrumbsLabel': 'You are here',
    'layout.footer.about': 'About the platform',
    'layout.footer.aboutText': 'Pakalpojumi is one place to find, apply for, track and receive public services digitally.',
    'layout.footer.apiDocs': 'For developers: the API',
    'layout.footer.openSource': 'Open-source software',
    'layout.footer.licence': 'The source code is available under the EUPL-1.2 licence.',
    'layout.footer.linksLabel': 'Links',
    'layout.footer.accessibility': 'Accessibility',
    'layout.footer.privacy': 'Privacy',
    'layout.footer.cookies': 'Cookies',
    'layout.footer.contact': 'Contact',
    'layout.titleSuffix': 'Pakalpojumi',
    'page.titleError': 'Error: {title}',
    'notFound.title': 'Page not found',
    'notFound.lead': 'Sorry, we cannot find that page.',
    'offline.title': 'You are offline',
    'offline.lead': 'This page cannot be opened without an internet connection. Try again when you are back online.',
    'offline.kept': 'The applications and results you last opened in your workspace can be read offline too.',
    'offline.applications': 'My applications',
    'pwa.applications': 'My applications',
    'pwa.inbox': 'Notifications',
    'notFound.address': 'If you typed the address, check it is correct. If you followed a link, the page may have moved or no longer exist.',
    'notFound.home': 'Go to the home page',
  },
};

/** The platform's own messages (layout and error pages). */
export const t: Translator<PlatformKey> = createTranslator(platformMessages);
