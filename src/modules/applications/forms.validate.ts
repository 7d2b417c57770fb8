/**
 * Validation of form data against a form's JSON Schema (Ajv, draft 2020-12 or
 * draft-07), with one error per offending field in Latvian and English.
 * Compiled validators are kept per form version (versions never change).
 */
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { normalisePersonalCode, normaliseRegistrationNumber } from '../access/index.js';
import type { FormFieldError } from './applications.errors.js';
import type { JsonSchema } from './applications.schemas.js';

// ajv-formats is CommonJS: under NodeNext its function is the default export's default.
const addFormats = ((addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule) as unknown as (ajv: Ajv) => Ajv;

const DRAFT_07 = /json-schema\.org\/draft-07\/schema/;

/** IBAN checksum (ISO 13616, mod 97); Latvian ones are 21 characters. */
export function isIban(value: string): boolean {
  const compact = value.replace(/\s+/g, '').toUpperCase();
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/.test(compact)) return false;
  const rearranged = compact.slice(4) + compact.slice(0, 4);
  let remainder = 0;
  for (const char of rearranged) {
    const digits = /\d/.test(char) ? char : String(char.charCodeAt(0) - 55);
    for (const digit of digits) remainder = (remainder * 10 + Number(digit)) % 97;
  }
  return remainder === 1;
}

function newAjv(schema: JsonSchema): Ajv {
  const options = { allErrors: true, strict: false, validateFormats: true } as const;
  const ajv = typeof schema.$schema === 'string' && DRAFT_07.test(schema.$schema) ? new Ajv(options) : (new Ajv2020(options) as unknown as Ajv);
  addFormats(ajv);
  ajv.addFormat('personal-code', { type: 'string', validate: (value: string) => normalisePersonalCode(value) !== undefined });
  ajv.addFormat('registration-number', { type: 'string', validate: (value: string) => normaliseRegistrationNumber(value) !== undefined });
  ajv.addFormat('iban', { type: 'string', validate: isIban });
  return ajv;
}

/** Compiles a form's schema, or says why it cannot be compiled. */
export function compileSchema(schema: JsonSchema): { validate: ValidateFunction } | { problem: string } {
  try {
    // A schema's own $id would clash with itself on a second compile; the form version identifies it.
    const { $id: _id, ...rest } = schema;
    return { validate: newAjv(schema).compile(rest) };
  } catch (error) {
    return { problem: error instanceof Error ? error.message : String(error) };
  }
}

const cache = new Map<string, ValidateFunction>();
const CACHE_SIZE = 500;

/** The compiled validator of a form version (compiled once per process). */
export function validatorFor(key: string, schema: JsonSchema): ValidateFunction {
  let validate = cache.get(key);
  if (validate) return validate;
  const compiled = compileSchema(schema);
  if ('problem' in compiled) throw new Error(`stored form ${key} does not compile: ${compiled.problem}`);
  validate = compiled.validate;
  if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value as string);
  cache.set(key, validate);
  return validate;
}

const escapePointer = (name: string): string => name.replace(/~/g, '~0').replace(/\//g, '~1');

const FORMAT_MESSAGES: Record<string, { lv: string; en: string }> = {
  email: { lv: 'Ievadiet derīgu e-pasta adresi.', en: 'Enter a valid e-mail address.' },
  date: { lv: 'Ievadiet datumu formātā GGGG-MM-DD.', en: 'Enter a date as YYYY-MM-DD.' },
  'date-time': { lv: 'Ievadiet datumu un laiku.', en: 'Enter a date and time.' },
  uri: { lv: 'Ievadiet derīgu tīmekļa adresi.', en: 'Enter a valid web address.' },
  'personal-code': { lv: 'Ievadiet derīgu personas kodu (DDMMGG-NNNNN).', en: 'Enter a valid personal code (DDMMYY-NNNNN).' },
  'registration-number': { lv: 'Ievadiet derīgu reģistrācijas numuru (11 cipari).', en: 'Enter a valid registration number (11 digits).' },
  iban: { lv: 'Ievadiet derīgu IBAN konta numuru.', en: 'Enter a valid IBAN account number.' },
};

const TYPE_NAMES: Record<string, { lv: string; en: string }> = {
  string: { lv: 'teksts', en: 'text' },
  number: { lv: 'skaitlis', en: 'a number' },
  integer: { lv: 'vesels skaitlis', en: 'a whole number' },
  boolean: { lv: 'jā vai nē', en: 'yes or no' },
  array: { lv: 'saraksts', en: 'a list' },
  object: { lv: 'objekts', en: 'an object' },
  null: { lv: 'tukša vērtība', en: 'empty' },
};

/** The messages for the keywords our forms use; anything else gets a general one. */
export function messagesOf(error: ErrorObject): { lv: string; en: string } {
  const params = error.params as Record<string, unknown>;
  const limit = params.limit as number | undefined;
  switch (error.keyword) {
    case 'required':
      return { lv: 'Šis lauks ir obligāts.', en: 'This field is required.' };
    case 'type': {
      const expected = String(params.type).split(',')[0] ?? 'string';
      const name = TYPE_NAMES[expected] ?? { lv: expected, en: expected };
      return { lv: `Vērtībai jābūt: ${name.lv}.`, en: `The value must be ${name.en}.` };
    }
    case 'minLength':
      return limit === 1 ? { lv: 'Šis lauks ir obligāts.', en: 'This field is required.' } : { lv: `Jābūt vismaz ${limit} rakstzīmēm.`, en: `Must be at least ${limit} characters.` };
    case 'maxLength':
      return { lv: `Jābūt ne vairāk kā ${limit} rakstzīmēm.`, en: `Must be at most ${limit} characters.` };
    case 'pattern':
      return { lv: 'Vērtība neatbilst prasītajam formātam.', en: 'The value does not match the required format.' };
    case 'format':
      return FORMAT_MESSAGES[String(params.format)] ?? { lv: 'Vērtība neatbilst prasītajam formātam.', en: 'The value does not match the required format.' };
    case 'enum':
      return { lv: 'Izvēlieties kādu no piedāvātajām vērtībām.', en: 'Choose one of the offered values.' };
    case 'const':
      return params.allowedValue === true
        ? { lv: 'Atzīmējiet šo izvēles rūtiņu, lai turpinātu.', en: 'Tick this box to continue.' }
        : { lv: 'Šī vērtība nav pieļaujama.', en: 'This value is not allowed.' };
    case 'minimum':
      return { lv: `Jābūt vismaz ${limit}.`, en: `Must be at least ${limit}.` };
    case 'maximum':
      return { lv: `Jābūt ne vairāk kā ${limit}.`, en: `Must be at most ${limit}.` };
    case 'exclusiveMinimum':
      return { lv: `Jābūt lielākam par ${limit}.`, en: `Must be greater than ${limit}.` };
    case 'exclusiveMaximum':
      return { lv: `Jābūt mazākam par ${limit}.`, en: `Must be less than ${limit}.` };
    case 'multipleOf':
      return { lv: `Jābūt ${params.multipleOf} daudzkārtnim.`, en: `Must be a multiple of ${params.multipleOf}.` };
    case 'minItems':
      return { lv: `Izvēlieties vai ievadiet vismaz ${limit}.`, en: `Choose or enter at least ${limit}.` };
    case 'maxItems':
      return { lv: `Izvēlieties vai ievadiet ne vairāk kā ${limit}.`, en: `Choose or enter at most ${limit}.` };
    case 'uniqueItems':
      return { lv: 'Vērtības nedrīkst atkārtoties.', en: 'Values must not repeat.' };
    case 'additionalProperties':
    case 'unevaluatedProperties':
      return { lv: 'Šis lauks veidlapā nav paredzēts.', en: 'This field is not part of the form.' };
    default:
      return { lv: 'Vērtība nav derīga.', en: 'The value is not valid.' };
  }
}

// Keywords that only summarise errors reported on the members themselves.
const SUMMARY_KEYWORDS = new Set(['if', 'then', 'else', 'allOf', 'anyOf', 'oneOf', 'not', 'dependentSchemas']);

/**
 * One error per offending field: Ajv reports each failing keyword; the first
 * one for a field wins. `base` is the pointer of the data in the request body.
 */
export function fieldErrors(errors: readonly ErrorObject[], base = '#/data'): FormFieldError[] {
  const byPointer = new Map<string, FormFieldError>();
  const ordered = [...errors].sort((a, b) => Number(SUMMARY_KEYWORDS.has(a.keyword)) - Number(SUMMARY_KEYWORDS.has(b.keyword)));
  for (const error of ordered) {
    const params = error.params as Record<string, unknown>;
    const child = (params.missingProperty ?? params.additionalProperty ?? params.unevaluatedProperty) as string | undefined;
    const pointer = `${base}${error.instancePath}${child !== undefined ? `/${escapePointer(child)}` : ''}`;
    if (byPointer.has(pointer)) continue;
    // A summary error on a member that has its own errors adds nothing; one on its own still names the field.
    if (SUMMARY_KEYWORDS.has(error.keyword) && [...byPointer.keys()].some((known) => known.startsWith(`${pointer}/`))) continue;
    const messages = messagesOf(error);
    byPointer.set(pointer, { pointer, in: 'body', detail: messages.en, keyword: error.keyword, messages });
  }
  return [...byPointer.values()];
}
