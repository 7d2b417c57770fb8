/**
 * Reading and checking the mandate form: its values from a POST body or a
 * search's query, the page's own checks (in the user's words, field by field),
 * the access module's field pointers as the same fields, and dates as people
 * mean them — a day in Riga, "until" including its last day.
 */
import type { AppError } from '../../../../platform/errors.js';
import type { MandateInput } from '../../access.schemas.js';
import { normalisePersonalCode } from '../../parties.js';
import type { MandatesKey } from './mandates.messages.js';
import { listOf, textOf } from '../../../../platform/web/form-values.js';
import { isUuid } from '../../../../platform/db/ids.js';

export const MAX_SERVICES = 100;

export type Field = 'representative' | 'scope' | 'services' | 'validFrom' | 'validUntil';

export interface FormValues {
  representative: string;
  scope: '' | 'all' | 'services';
  services: string[];
  validFrom: string;
  validUntil: string;
  requiresAcceptance: boolean;
}

export type FieldErrors = Partial<Record<Field, MandatesKey>>;

// ---- dates (the day a person means is a day in Riga) ----

const RIGA = 'Europe/Riga';

/** Today in Riga, `YYYY-MM-DD`. */
export function rigaToday(now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: RIGA, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

function rigaOffsetMs(at: Date): number {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone: RIGA, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' }).formatToParts(at);
  const part = (type: string): number => Number(parts.find((item) => item.type === type)?.value);
  return Date.UTC(part('year'), part('month') - 1, part('day'), part('hour'), part('minute'), part('second')) - Math.floor(at.getTime() / 1000) * 1000;
}

/** The instant a Riga day (`YYYY-MM-DD`) begins. */
function rigaMidnight(day: string): Date {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  const utc = Date.UTC(year, month - 1, date);
  const first = utc - rigaOffsetMs(new Date(utc));
  // Across a daylight-saving change the offset at the result may differ from the first guess.
  return new Date(utc - rigaOffsetMs(new Date(first)));
}

function nextDay(day: string): string {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, date + 1)).toISOString().slice(0, 10);
}

/**
 * A date as typed: `YYYY-MM-DD` (what date fields send), or `DD.MM.YYYY` and
 * `DD/MM/YYYY` (typed where a browser has no date field). Empty: undefined;
 * not a real date: null.
 */
export function parseDay(text: string): string | undefined | null {
  if (text === '') return undefined;
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text);
  const local = /^(\d{1,2})[./](\d{1,2})[./](\d{4})\.?$/.exec(text);
  const [year, month, day] = iso ? [iso[1], iso[2], iso[3]] : local ? [local[3], local[2], local[1]] : [];
  if (!year || !month || !day) return null;
  const date = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)));
  if (date.getUTCFullYear() !== Number(year) || date.getUTCMonth() !== Number(month) - 1 || date.getUTCDate() !== Number(day)) return null;
  return date.toISOString().slice(0, 10);
}

// ---- reading and checking the form ----

export function valuesOf(source: Record<string, unknown>, fromQuery: boolean): FormValues {
  const scope = textOf(source.scope);
  const services = [...new Set(listOf(source.service).filter((id) => isUuid(id)).map((id) => id.toLowerCase()))];
  return {
    representative: fromQuery ? '' : textOf(source.representative).slice(0, 40),
    // Someone who searched the list or brought services along means to choose them.
    scope: scope === 'all' || scope === 'services' ? scope : fromQuery && (services.length > 0 || textOf(source.q) !== '') ? 'services' : '',
    services,
    validFrom: fromQuery ? '' : textOf(source.validFrom).slice(0, 20),
    validUntil: fromQuery ? '' : textOf(source.validUntil).slice(0, 20),
    requiresAcceptance: !fromQuery && textOf(source.requiresAcceptance) === '1',
  };
}

/** The page's own checks; the input for the access module when they pass. */
export function check(values: FormValues, grantor: string, today: string): { errors: FieldErrors; input?: MandateInput } {
  const errors: FieldErrors = {};
  const representative = normalisePersonalCode(values.representative);
  if (values.representative === '') errors.representative = 'error.representativeMissing';
  else if (!representative) errors.representative = 'error.representativeInvalid';
  else if (representative === grantor) errors.representative = 'error.representativeSelf';
  if (values.scope === '') errors.scope = 'error.scopeMissing';
  else if (values.scope === 'services' && values.services.length === 0) errors.services = 'error.servicesMissing';
  else if (values.scope === 'services' && values.services.length > MAX_SERVICES) errors.services = 'error.servicesTooMany';
  const from = parseDay(values.validFrom);
  const until = parseDay(values.validUntil);
  if (from === null) errors.validFrom = 'error.validFromInvalid';
  else if (from !== undefined && from < today) errors.validFrom = 'error.validFromPast';
  if (until === null) errors.validUntil = 'error.validUntilInvalid';
  else if (until !== undefined && until < today) errors.validUntil = 'error.validUntilPast';
  else if (until !== undefined && from && until < from) errors.validUntil = 'error.validUntilBeforeFrom';
  if (Object.keys(errors).length > 0 || !representative) return { errors };
  return {
    errors,
    input: {
      representative: { personalCode: representative },
      scope: values.scope === 'all' ? { allServices: true } : { services: values.services },
      // From today means from now; a later day from its first moment; "until" includes its last day.
      ...(from && from > today ? { validFrom: rigaMidnight(from).toISOString() } : {}),
      ...(until ? { validUntil: rigaMidnight(nextDay(until)).toISOString() } : {}),
      requiresAcceptance: values.requiresAcceptance,
    },
  };
}

/** The access module's field pointers, as this form's fields and messages. */
export function fromService(error: AppError): FieldErrors {
  const errors: FieldErrors = {};
  for (const field of error.errors ?? []) {
    if (field.pointer.startsWith('#/representative')) errors.representative = /themselves/.test(field.detail) ? 'error.representativeSelf' : 'error.representativeInvalid';
    else if (field.pointer.startsWith('#/scope')) errors.services = 'error.servicesUnknown';
    else if (field.pointer === '#/validUntil') errors.validUntil = /later/.test(field.detail) ? 'error.validUntilBeforeFrom' : 'error.validUntilPast';
    else if (field.pointer === '#/validFrom') errors.validFrom = 'error.validFromInvalid';
  }
  return errors;
}
