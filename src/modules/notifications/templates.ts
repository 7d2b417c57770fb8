/**
 * The wording of notifications: one template per kind in Latvian and English,
 * as ICU messages (intl-messageformat), with personalisation — the person's
 * name, the service, the application number, the status, the expected date and
 * a direct link. Institutions may word their services' notifications their own
 * way (overrides are checked here before they are stored).
 *
 * A line whose placeholders are all empty is left out, so optional parts (a
 * note, an expected date) need no conditionals in the template.
 */
import { escapeHtml } from '@kitajs/html';
import { IntlMessageFormat } from 'intl-messageformat';
import { LOCALE, pathInLang } from '../../platform/web/i18n.js';
import * as errors from './notifications.errors.js';
import type { Language, NotificationKind, Rendered, TemplateText } from './notifications.schemas.js';

/** The placeholders a template may use; anything else is refused in an override. */
export const PLACEHOLDERS = [
  'greeting',
  'name',
  'serviceTitle',
  'number',
  'status',
  'expectedDate',
  'link',
  'note',
  'awaiting',
  'subject',
  'body',
  'action',
  'grantor',
  'scope',
  'institution',
] as const;

const GREETING: Record<Language, { named: string; anonymous: string }> = {
  lv: { named: 'Labdien, {name}!', anonymous: 'Labdien!' },
  en: { named: 'Hello {name},', anonymous: 'Hello,' },
};

export const BUILT_IN: Record<NotificationKind, Record<Language, TemplateText>> = {
  status: {
    lv: {
      subject: 'Pieteikums {number}: {status}',
      body: '{greeting}\n\nJūsu pieteikuma Nr. {number} ({serviceTitle}) statuss: {status}.\n{note}\n\nParedzamais izpildes datums: {expectedDate}.\n\nPieteikums: {link}',
      short: 'Pieteikums {number}: {status}. {link}',
    },
    en: {
      subject: 'Application {number}: {status}',
      body: '{greeting}\n\nThe status of your application No. {number} ({serviceTitle}) is now: {status}.\n{note}\n\nExpected completion: {expectedDate}.\n\nYour application: {link}',
      short: 'Application {number}: {status}. {link}',
    },
  },
  result: {
    lv: {
      subject: 'Pieteikums {number}: {status}',
      body: '{greeting}\n\nPar jūsu pieteikumu Nr. {number} ({serviceTitle}) ir rezultāts: {status}.\n{note}\n\nRezultāts jūsu darba vietā: {link}',
      short: 'Pieteikums {number}: {status}. {link}',
    },
    en: {
      subject: 'Application {number}: {status}',
      body: '{greeting}\n\nThere is a result for your application No. {number} ({serviceTitle}): {status}.\n{note}\n\nThe result in your workspace: {link}',
      short: 'Application {number}: {status}. {link}',
    },
  },
  request: {
    lv: {
      subject: 'Pieteikums {number}: iestāde lūdz informāciju',
      body: '{greeting}\n\nIestāde lūdz papildu informāciju par jūsu pieteikumu Nr. {number} ({serviceTitle}):\n{awaiting}\n{note}\n\nAtbildēt: {link}',
      short: 'Pieteikums {number}: iestāde lūdz informāciju. {link}',
    },
    en: {
      subject: 'Application {number}: information requested',
      body: '{greeting}\n\nThe institution asks for more information about your application No. {number} ({serviceTitle}):\n{awaiting}\n{note}\n\nReply: {link}',
      short: 'Application {number}: information requested. {link}',
    },
  },
  mandate: {
    lv: {
      subject: '{action, select, revoked {Pilnvarojums atsaukts} other {Jums piešķirts pilnvarojums}}',
      body: '{greeting}\n\n{action, select, revoked {{grantor} atsauca pilnvarojumu rīkoties tā vārdā.} other {{grantor} jūs pilnvaroja rīkoties tā vārdā.}}\n\nPilnvarojumi: {link}',
      short: '{action, select, revoked {Pilnvarojums atsaukts} other {Jums piešķirts pilnvarojums}}: {grantor}. {link}',
    },
    en: {
      subject: '{action, select, revoked {A mandate was revoked} other {You were given a mandate}}',
      body: '{greeting}\n\n{action, select, revoked {{grantor} revoked your mandate to act for them.} other {{grantor} authorised you to act for them.}}\n\nMandates: {link}',
      short: '{action, select, revoked {Mandate revoked} other {New mandate}}: {grantor}. {link}',
    },
  },
  support: {
    lv: { subject: 'Klientu atbalsts: {subject}', body: '{greeting}\n\n{body}\n\n{link}', short: 'Klientu atbalsts: {subject}. {link}' },
    en: { subject: 'Customer support: {subject}', body: '{greeting}\n\n{body}\n\n{link}', short: 'Customer support: {subject}. {link}' },
  },
  offer: {
    lv: { subject: 'Piedāvājums: {serviceTitle}', body: '{greeting}\n\nJums varētu noderēt pakalpojums “{serviceTitle}”.\n{body}\n\nVairāk: {link}', short: 'Piedāvājums: {serviceTitle}. {link}' },
    en: { subject: 'Offer: {serviceTitle}', body: '{greeting}\n\nThe service “{serviceTitle}” may be useful to you.\n{body}\n\nMore: {link}', short: 'Offer: {serviceTitle}. {link}' },
  },
  message: {
    lv: { subject: '{subject}', body: '{greeting}\n\n{body}\n\n{institution}\n{link}', short: '{subject}. {link}' },
    en: { subject: '{subject}', body: '{greeting}\n\n{body}\n\n{institution}\n{link}', short: '{subject}. {link}' },
  },
};

/** What `message` needs from the sender; other kinds fill their placeholders from the platform's own data. */
export const REQUIRED: Partial<Record<NotificationKind, string[]>> = { message: ['subject', 'body'] };

interface AstNode {
  type: number;
  value?: string;
  options?: Record<string, { value: AstNode[] }>;
}

/** Every placeholder a parsed message refers to. */
function argumentsOf(nodes: AstNode[], into = new Set<string>()): Set<string> {
  for (const node of nodes) {
    // 0 is literal text and 7 the `#` of a plural; every other element names an argument.
    if (node.type !== 0 && node.type !== 7 && node.value) into.add(node.value);
    for (const option of Object.values(node.options ?? {})) argumentsOf(option.value, into);
  }
  return into;
}

/** A compiled line with the placeholders it names, kept per language and source: rendering compiles nothing twice. */
interface CompiledLine {
  format: IntlMessageFormat;
  names: string[];
}

const cache = new Map<string, CompiledLine>();
function compile(source: string, language: Language): CompiledLine {
  const key = `${language}\u0000${source}`;
  let line = cache.get(key);
  if (!line) {
    const format = new IntlMessageFormat(source, LOCALE[language], undefined, { ignoreTag: true });
    line = { format, names: [...argumentsOf(format.getAst() as unknown as AstNode[])] };
    if (cache.size > 2000) cache.clear();
    cache.set(key, line);
  }
  return line;
}

/** Formats one message line by line, leaving out lines whose placeholders are all empty. */
function formatMessage(source: string, language: Language, values: Record<string, string>): string {
  const lines: string[] = [];
  for (const text of source.split('\n')) {
    const { format, names } = compile(text, language);
    if (names.length > 0 && names.every((name) => !values[name])) continue;
    const filled = Object.fromEntries(names.map((name) => [name, values[name] ?? '']));
    lines.push(String(format.format(filled)));
  }
  return lines
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** What is wrong with one part of an override: empty, not an ICU message, or placeholders the platform never fills. */
export interface TemplateProblem {
  part: keyof TemplateText;
  problem: 'empty' | 'syntax' | 'unknown';
  /** the parser's message (syntax) or the unknown placeholders' names (unknown) */
  detail: string;
}

/** Every problem of an override, part by part (the first per part), so a form can show each beside its field. */
export function templateProblems(text: TemplateText): TemplateProblem[] {
  const problems: TemplateProblem[] = [];
  for (const part of ['subject', 'body', 'short'] as const) {
    const source = text[part];
    if (source.trim() === '') {
      problems.push({ part, problem: 'empty', detail: '' });
      continue;
    }
    for (const line of source.split('\n')) {
      let format: IntlMessageFormat;
      try {
        format = new IntlMessageFormat(line, 'lv-LV', undefined, { ignoreTag: true });
      } catch (error) {
        problems.push({ part, problem: 'syntax', detail: (error as Error).message });
        break;
      }
      const unknown = [...argumentsOf(format.getAst() as unknown as AstNode[])].filter((name) => !(PLACEHOLDERS as readonly string[]).includes(name));
      if (unknown.length > 0) {
        problems.push({ part, problem: 'unknown', detail: unknown.join(', ') });
        break;
      }
    }
  }
  return problems;
}

/** Refuses an override that does not parse or uses a placeholder the platform never fills. */
export function checkTemplate(text: TemplateText): void {
  const [first] = templateProblems(text);
  if (!first) return;
  const detail =
    first.problem === 'empty'
      ? `The ${first.part} is empty.`
      : first.problem === 'syntax'
        ? `The ${first.part} is not a valid ICU message: ${first.detail}`
        : `The ${first.part} uses unknown placeholders: ${first.detail}.`;
  throw errors.invalidTemplate(detail, `#/${first.part}`);
}

/** The values for `language`: `key:lv` / `key:en` win over `key`. */
export function valuesFor(personalisation: Record<string, string>, language: Language): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of Object.entries(personalisation)) if (!key.includes(':')) values[key] = value;
  for (const [key, value] of Object.entries(personalisation)) if (key.endsWith(`:${language}`)) values[key.slice(0, -3)] = value;
  return values;
}

export const formatDate = (iso: string, language: Language): string =>
  new Intl.DateTimeFormat(LOCALE[language], { dateStyle: 'long', timeZone: 'Europe/Riga' }).format(new Date(iso));

/** A platform path in the person's language, made absolute; absolute URLs stay as given. */
export function absoluteLink(link: string | null | undefined, language: Language, publicUrl: string): string {
  if (!link) return '';
  if (/^https?:\/\//.test(link)) return link;
  return `${publicUrl}${pathInLang(link, language)}`;
}

const LINK = /https?:\/\/[^\s<>"]+/g;

/** Simple HTML for e-mail: paragraphs of escaped text, links made clickable. */
export function toHtml(text: string, language: Language, subject: string): string {
  const paragraphs = text
    .split(/\n{2,}/)
    .map((block) => {
      const escaped = escapeHtml(block).replace(LINK, (url) => `<a href="${url}">${url}</a>`);
      return `<p>${escaped.replace(/\n/g, '<br>')}</p>`;
    })
    .join('\n');
  return `<!doctype html>\n<html lang="${language}"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head><body style="font-family: Arial, sans-serif; font-size: 16px; line-height: 1.5">\n${paragraphs}\n</body></html>`;
}

/** Renders a template (built-in or an override) with the given values. */
export function render(text: TemplateText, language: Language, values: Record<string, string>): Rendered {
  const name = values.name ?? '';
  const withGreeting = {
    ...values,
    greeting: values.greeting || formatMessage(name ? GREETING[language].named : GREETING[language].anonymous, language, { name }),
  };
  const subject = formatMessage(text.subject, language, withGreeting).replace(/\s+/g, ' ');
  const body = formatMessage(text.body, language, withGreeting);
  const short = formatMessage(text.short, language, withGreeting).replace(/\s+/g, ' ');
  return { subject, text: body, html: toHtml(body, language, subject), short };
}

/** Sample values for previews in the console. */
export const SAMPLE: Record<Language, Record<string, string>> = {
  lv: {
    name: 'Jānis Bērziņš',
    serviceTitle: 'Dzīvesvietas deklarēšana',
    number: '2026-000123',
    status: 'Izskatīšanā',
    expectedDate: '2026. gada 3. novembris',
    note: 'Pārbaudām adresi.',
    awaiting: 'Lūdzu, pievienojiet īres līgumu.',
    subject: 'Paziņojums',
    body: 'Paziņojuma teksts.',
    action: 'granted',
    grantor: 'Anna Kalniņa',
    institution: 'Pilsonības un migrācijas lietu pārvalde',
  },
  en: {
    name: 'Jānis Bērziņš',
    serviceTitle: 'Declaration of residence',
    number: '2026-000123',
    status: 'Under review',
    expectedDate: '3 November 2026',
    note: 'We are checking the address.',
    awaiting: 'Please attach the lease agreement.',
    subject: 'Notice',
    body: 'The text of the notice.',
    action: 'granted',
    grantor: 'Anna Kalniņa',
    institution: 'Office of Citizenship and Migration Affairs',
  },
};
