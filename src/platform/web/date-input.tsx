/**
 * Dates as the GOV.UK Design System asks for them: three boxes, day, month
 * and year, each a numeric keypad on a phone (no "." or "-" needed, which an
 * iPhone's keypad does not have), and their server-side reading: the parts
 * posted as `{name}-day`, `{name}-month`, `{name}-year` become an ISO day, or
 * stay as typed ("31.2.2026") so the form's schema names the problem and the
 * boxes show again what was typed.
 */
import { escapeHtml as e } from '@kitajs/html';
import { createTranslator, type Lang, type MessageTable } from './i18n.js';

const lv = { 'date.day': 'Diena', 'date.month': 'Mēnesis', 'date.year': 'Gads', 'date.hint': 'Piemēram, 27 3 2026', 'date.error': 'Kļūda:' } as const;
type Key = keyof typeof lv;
const en: Record<Key, string> = { 'date.day': 'Day', 'date.month': 'Month', 'date.year': 'Year', 'date.hint': 'For example, 27 3 2026', 'date.error': 'Error:' };
const messages: MessageTable<Key> = { lv, en };
export const tDate = createTranslator(messages);

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const WRITTEN_DAY = /^(\d{1,2})[./ -](\d{1,2})[./ -](\d{4})$/;
const PARTS = ['day', 'month', 'year'] as const;

export interface DayParts {
  day: string;
  month: string;
  year: string;
}

/** The three posted parts of the date field `name`, or undefined when none of them was posted. */
export function postedDayParts(body: Record<string, unknown>, name: string): DayParts | undefined {
  const text = (part: string): string | undefined => {
    const raw = body[`${name}-${part}`];
    const first = Array.isArray(raw) ? (raw[0] as unknown) : raw;
    return typeof first === 'string' ? first.replace(/\s+/g, '') : undefined;
  };
  const [day, month, year] = PARTS.map(text);
  if (day === undefined && month === undefined && year === undefined) return undefined;
  return { day: day ?? '', month: month ?? '', year: year ?? '' };
}

/**
 * The day the parts name, as ISO (`2026-03-27`); a two-digit year is not
 * guessed. Empty parts: undefined (no answer). Anything else comes back as
 * typed, `d.m.y`, which no date format accepts.
 */
export function dayOfParts(parts: DayParts): string | undefined {
  const { day, month, year } = parts;
  if (day === '' && month === '' && year === '') return undefined;
  if (/^\d{1,2}$/.test(day) && /^\d{1,2}$/.test(month) && /^\d{4}$/.test(year)) return `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
  return `${day}.${month}.${year}`;
}

/** A stored value (ISO, or as typed) back into the three boxes. */
export function partsOfDay(value: unknown): DayParts {
  const text = typeof value === 'string' ? value : '';
  const iso = ISO_DAY.exec(text);
  if (iso) return { day: String(Number(iso[3])), month: String(Number(iso[2])), year: iso[1] as string };
  const written = WRITTEN_DAY.exec(text) ?? /^([^.]*)\.([^.]*)\.([^.]*)$/.exec(text);
  return written ? { day: written[1] as string, month: written[2] as string, year: written[3] as string } : { day: '', month: '', year: '' };
}

export interface DateInputProps {
  lang: Lang;
  /** the field's name: the parts are posted as `{name}-day` etc. */
  name: string;
  /** the day box's id (what an error summary links to); the others add `-month`, `-year` */
  id: string;
  label: string;
  help?: string | undefined;
  value: unknown;
  error?: string | undefined;
  /** e.g. `bday` for a birth date: the parts become `bday-day`, `bday-month`, `bday-year` */
  autocomplete?: string | undefined;
}

/** The GOV.UK date input: a fieldset with a legend, a hint, an error, and the three boxes. */
export function DateInput({ lang, name, id, label, help, value, error, autocomplete }: DateInputProps): JSX.Element {
  const parts = partsOfDay(value);
  const hint = [help, tDate(lang, 'date.hint')].filter(Boolean).join(' ');
  const describedBy = [`${id}-hint`, error ? `${id}-error` : ''].filter(Boolean).join(' ');
  const box = (part: (typeof PARTS)[number]): JSX.Element => {
    const boxId = part === 'day' ? id : `${id}-${part}`;
    const width = part === 'year' ? 'govuk-input--width-4' : 'govuk-input--width-2';
    const classes = ['govuk-input', 'govuk-date-input__input', width, error ? 'govuk-input--error' : ''].filter(Boolean).join(' ');
    return (
      <div class="govuk-date-input__item">
        <div class="govuk-form-group">
          <label class="govuk-label govuk-date-input__label" for={boxId} safe>
            {tDate(lang, `date.${part}`)}
          </label>
          <input class={classes} id={boxId} name={`${name}-${part}`} type="text" inputmode="numeric" spellcheck="false" value={parts[part]} {...(autocomplete ? { autocomplete: `${autocomplete}-${part}` } : {})} />
        </div>
      </div>
    );
  };
  return (
    <div class={error ? 'govuk-form-group govuk-form-group--error' : 'govuk-form-group'}>
      <fieldset class="govuk-fieldset" role="group" aria-describedby={describedBy}>
        <legend class="govuk-fieldset__legend govuk-fieldset__legend--s" safe>
          {label}
        </legend>
        <div id={`${id}-hint`} class="govuk-hint" safe>
          {hint}
        </div>
        {error ? (
          <p id={`${id}-error`} class="govuk-error-message">
            <span class="govuk-visually-hidden" safe>
              {tDate(lang, 'date.error')}
            </span>{' '}
            {e(error)}
          </p>
        ) : (
          ''
        )}
        <div class="govuk-date-input" id={`${id}-parts`}>
          {box('day')}
          {box('month')}
          {box('year')}
        </div>
      </fieldset>
    </div>
  );
}
