/**
 * Errors that say what to do (P15): a field's problem worded for its widget —
 * a phone number, an e-mail address, a personal code, a date, a number, a
 * choice — with an example, instead of the schema keyword's general message
 * ("This field is required", "does not match the required format"). What no
 * widget rule words keeps the form validator's message.
 */
import type { Lang } from '../../../../platform/web/i18n.js';
import type { FormFieldError } from '../../index.js';
import type { ShownField } from './apply.form.js';

type Words = { lv: string; en: string };
type Problem = 'missing' | 'wrong';

const w = (lv: string, en: string): Words => ({ lv, en });

/** Per widget: what to say when the answer is missing, and when it is in the wrong form. */
const BY_WIDGET: Record<string, Partial<Record<Problem, Words>>> = {
  date: {
    missing: w('Ievadiet datumu: dienu, mēnesi un gadu, piemēram, 27 3 2026', 'Enter the date: the day, month and year, for example 27 3 2026'),
    wrong: w('Ievadiet īstu datumu: dienu, mēnesi un gadu, piemēram, 27 3 2026', 'Enter a real date: the day, month and year, for example 27 3 2026'),
  },
  tel: {
    missing: w('Ievadiet tālruņa numuru, piemēram, +371 20000000', 'Enter a phone number, for example +371 20000000'),
    wrong: w('Ievadiet tālruņa numuru tikai ar cipariem, piemēram, +371 20000000', 'Enter a phone number in digits only, for example +371 20000000'),
  },
  email: {
    missing: w('Ievadiet e-pasta adresi, piemēram, vards@example.com', 'Enter an e-mail address, for example name@example.com'),
    wrong: w('Ievadiet derīgu e-pasta adresi, piemēram, vards@example.com', 'Enter a valid e-mail address, for example name@example.com'),
  },
  'personal-code': {
    missing: w('Ievadiet personas kodu, piemēram, 010190-12345', 'Enter a personal code, for example 010190-12345'),
    wrong: w('Ievadiet derīgu personas kodu: 11 cipari, piemēram, 010190-12345', 'Enter a valid personal code: 11 digits, for example 010190-12345'),
  },
  number: {
    missing: w('Ievadiet skaitli ar cipariem, piemēram, 2', 'Enter a number in digits, for example 2'),
    wrong: w('Ievadiet skaitli tikai ar cipariem, piemēram, 2', 'Enter a number in digits only, for example 2'),
  },
  radio: { missing: w('Izvēlieties vienu no atbildēm', 'Choose one of the answers') },
  select: { missing: w('Izvēlieties no saraksta', 'Choose from the list') },
  text: { missing: w('Aizpildiet šo lauku', 'Fill in this field') },
  textarea: { missing: w('Aizpildiet šo lauku', 'Fill in this field') },
};

function problemOf(error: FormFieldError): Problem | undefined {
  if (error.keyword === 'required' || (error.keyword === 'minLength' && error.messages.en === 'This field is required.')) return 'missing';
  if (['format', 'pattern', 'type'].includes(error.keyword ?? '')) return 'wrong';
  return undefined;
}

/** The field's problem in words for its widget, or undefined to keep the validator's. */
export function widgetWording(lang: Lang, field: ShownField, error: FormFieldError): string | undefined {
  const problem = problemOf(error);
  const widget = field.hint.widget ?? 'text';
  return problem ? BY_WIDGET[widget]?.[problem]?.[lang] : undefined;
}
