/**
 * Register-fed fields of e-forms (once only): a field whose hint names a
 * `source` takes its value — or its choices — from a state register about the
 * party applied for. The person sees the value as given, with the register's
 * name; a correction goes in a note, never as an edit. At submission the
 * server asks the registers again: a posted value for a given field is
 * replaced by the register's, a choice must be one of the register's
 * entries, and the receipt records each field's source.
 */
import type { Principal } from '../../platform/http/auth.js';
import type { Right } from '../access/index.js';
import { sourceInfo, type RegisterChoice, type RegisterSource, type RegistersService } from '../registers/index.js';
import { actorName, type ApplicationsDeps } from './applications.context.js';
import type { FormFieldError } from './applications.errors.js';
import type { Form, RegisterDatum, Text } from './applications.schemas.js';

/** Where a draft keeps what the registers gave (not a valid field name, like the files' key). */
export const GIVEN_KEY = '$given';

export interface GivenField {
  source: RegisterSource;
  /** the register's name, as the person is told */
  registerName: Text;
  /** a value source's value */
  value?: string;
  /** a choices source's entries */
  options?: RegisterChoice[];
  /** when the register was read */
  at: string;
}

/** What the registers gave, by field name. */
export type Given = Record<string, GivenField>;

export interface RegisterDataService {
  /** what the registers hold for the form's register-fed fields about the party applied for (each register asked is audited) */
  givenFor(principal: Principal, right: Right, form: Form): Promise<Given>;
}

/** The form's register-fed fields (top-level ones) and their sources. */
export function registerFields(form: Form): [string, RegisterSource][] {
  return Object.entries(form.presentation.fields)
    .filter(([name, hint]) => !name.includes('/') && hint.source !== undefined)
    .map(([name, hint]) => [name, hint.source as RegisterSource]);
}

export async function queryGiven(registers: RegistersService | undefined, principal: Principal, right: Right, form: Form, now: Date): Promise<Given> {
  const fields = registerFields(form);
  if (!registers || fields.length === 0) return {};
  const answers = await registers.query({ subject: right.party, sources: fields.map(([, source]) => source), requestedBy: actorName(principal), purpose: `service:${form.serviceId}` });
  const given: Given = {};
  for (const [name, source] of fields) {
    const answer = answers[source];
    if (!answer) continue;
    const base = { source, registerName: answer.registerName, at: now.toISOString() };
    if (answer.kind === 'value') given[name] = { ...base, value: answer.value };
    else if (answer.options.length > 0) given[name] = { ...base, options: answer.options };
  }
  return given;
}

/** What a draft carries of the registers' answers (a draft is the person's own data: only well-formed entries count). */
export function givenOf(draft: Record<string, unknown>): Given {
  const raw = draft[GIVEN_KEY];
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return {};
  const given: Given = {};
  for (const [name, entry] of Object.entries(raw as Record<string, unknown>)) {
    const field = entry as Partial<GivenField> | null;
    if (!field || typeof field !== 'object' || typeof field.source !== 'string' || typeof field.at !== 'string' || !field.registerName) continue;
    if (typeof field.value === 'string' || Array.isArray(field.options)) given[name] = field as GivenField;
  }
  return given;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** A draft's register answers older than a day are asked again (an address may have changed meanwhile). */
export const isStale = (given: Given, now: Date): boolean => Object.values(given).some((field) => now.getTime() - Date.parse(field.at) > DAY_MS);

/** The data with every given value in place (a posted value for such a field does not count). */
export function withGivenValues(data: Record<string, unknown>, given: Given): Record<string, unknown> {
  const next = { ...data };
  for (const [name, field] of Object.entries(given)) if (field.value !== undefined) next[name] = field.value;
  return next;
}

/** The form as the person sees it: a choices field offers the register's entries. */
export function withGivenChoices(form: Form, given: Given): Form {
  const choices = Object.entries(given).filter(([name, field]) => field.options && form.presentation.fields[name]);
  if (choices.length === 0) return form;
  const fields = { ...form.presentation.fields };
  for (const [name, field] of choices) fields[name] = { ...fields[name]!, options: field.options!.map((option) => ({ value: option.value, label: option.label })) };
  return { ...form, presentation: { ...form.presentation, fields } };
}

const NOT_IN_REGISTER = {
  lv: 'Izvēlieties kādu no reģistrā atrastajiem ierakstiem.',
  en: 'Choose one of the entries found in the register.',
};

/** A choice that is not one of the register's entries. */
export function choiceProblems(data: Record<string, unknown>, given: Given): FormFieldError[] {
  const problems: FormFieldError[] = [];
  for (const [name, field] of Object.entries(given)) {
    const value = data[name];
    if (!field.options || value === undefined) continue;
    if (!field.options.some((option) => option.value === value)) {
      problems.push({ pointer: `#/data/${name}`, in: 'body', detail: NOT_IN_REGISTER.en, keyword: 'register', messages: NOT_IN_REGISTER });
    }
  }
  return problems;
}

/** For the receipt: which submitted values came from which register. */
export function registerDataOf(data: Record<string, unknown>, given: Given): RegisterDatum[] {
  return Object.entries(given)
    .filter(([name, field]) => field.value !== undefined || data[name] !== undefined)
    .map(([name, field]) => ({ field: name, source: field.source, at: field.at }));
}

/** Whether a source gives a value shown as given (not choices). */
export const givesValue = (source: RegisterSource): boolean => sourceInfo(source).kind === 'value';

export function createRegisterData(deps: ApplicationsDeps): RegisterDataService {
  return {
    givenFor: (principal, right, form) => queryGiven(deps.registers, principal, right, form, deps.now()),
  };
}
