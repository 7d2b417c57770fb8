/**
 * The rules of the multi-step e-form pages, without HTML: which fields and
 * attachment slots a step shows for the answers saved so far (showIf is
 * decided on the server, so no JavaScript is needed), turning a posted step
 * into typed values for the form's JSON Schema, and which of the service's
 * field errors belong to which step.
 *
 * Files chosen on a step are kept with the draft as references (slot, name,
 * type, size, SHA-256) under a key no form may use (field names start with a
 * letter); their bytes wait in the applications module's content-addressed
 * file store until the application is submitted.
 */
import { dayOfParts, postedDayParts, type DayParts } from '../../../../platform/web/date-input.js';
import type { AttachmentSlot, Condition, FieldHint, Form, FormFieldError, FormStep, JsonSchema } from '../../index.js';
import type { Lang } from '../../../../platform/web/i18n.js';
import { GIVEN_KEY, givenOf, withGivenValues } from '../../forms.registers.js';

export type Answers = Record<string, unknown>;

/** A file chosen on a step, kept with the draft until submission. */
export interface DraftFile {
  slot: string;
  filename: string;
  mediaType: string;
  size: number;
  sha256: string;
}

/** Where a draft keeps its files: not a valid field name, so no form's data can clash with it. */
export const FILES_KEY = '$files';

/** The step after the last one. */
export const CHECK = 'check';

export function valueAt(data: Answers, name: string): unknown {
  let value: unknown = data;
  for (const part of name.split('/')) value = value && typeof value === 'object' && !Array.isArray(value) ? (value as Answers)[part] : undefined;
  return value;
}

export function setValue(data: Answers, name: string, value: unknown): void {
  const parts = name.split('/');
  let target = data;
  for (const part of parts.slice(0, -1)) {
    const next = target[part];
    if (!next || typeof next !== 'object' || Array.isArray(next)) target[part] = {};
    target = target[part] as Answers;
  }
  const last = parts[parts.length - 1] as string;
  if (value === undefined) delete target[last];
  else target[last] = value;
}

export const conditionHolds = (condition: Condition | undefined, data: Answers): boolean => !condition || valueAt(data, condition.field) === condition.equals;

/** The data a draft carries for the form itself (without its files; with the registers' values, which no post changes). */
export function formData(draft: Answers): Answers {
  const { [FILES_KEY]: _files, [GIVEN_KEY]: _given, ...data } = draft;
  return withGivenValues(data, givenOf(draft));
}

export function draftFiles(draft: Answers): DraftFile[] {
  const files = draft[FILES_KEY];
  return Array.isArray(files) ? files.filter((file): file is DraftFile => !!file && typeof file === 'object' && typeof (file as DraftFile).sha256 === 'string') : [];
}

export interface ShownField {
  name: string;
  hint: FieldHint;
  schema: JsonSchema;
}

/** The schema of a field named `a/b`. */
export function fieldSchema(schema: JsonSchema, name: string): JsonSchema {
  let current: JsonSchema | undefined = schema;
  for (const part of name.split('/')) {
    const properties = current?.properties as Record<string, JsonSchema> | undefined;
    current = properties && Object.hasOwn(properties, part) ? properties[part] : undefined;
  }
  return current ?? {};
}

/** The fields of `step` shown for `data`. */
export function shownFields(form: Form, step: FormStep, data: Answers): ShownField[] {
  return step.fields
    .map((name) => ({ name, hint: form.presentation.fields[name], schema: fieldSchema(form.schema, name) }))
    .filter((field): field is ShownField => !!field.hint && conditionHolds(field.hint.showIf, data));
}

export function shownSlots(form: Form, step: FormStep, data: Answers): AttachmentSlot[] {
  return (step.attachments ?? [])
    .map((name) => form.presentation.attachments.find((slot) => slot.name === name))
    .filter((slot): slot is AttachmentSlot => !!slot && conditionHolds(slot.showIf, data));
}

/** Every slot shown for `data`, on whichever step. */
export const allShownSlots = (form: Form, data: Answers): AttachmentSlot[] => form.presentation.steps.flatMap((step) => shownSlots(form, step, data));

const typeOf = (schema: JsonSchema): string | undefined => {
  if (typeof schema.type === 'string') return schema.type;
  if (Array.isArray(schema.type)) return schema.type.find((type) => type !== 'null') as string | undefined;
  if (typeof schema.const === 'boolean') return 'boolean';
  return undefined;
};

export const isListField = (field: ShownField): boolean => typeOf(field.schema) === 'array';
export const isBooleanField = (field: ShownField): boolean => typeOf(field.schema) === 'boolean' || field.hint.widget === 'checkbox';

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;
const WRITTEN_DAY = /^(\d{1,2})[./-](\d{1,2})[./-](\d{4})$/;

/** A date as people write it here (31.12.2026, 31/12/2026) or as ISO; anything else stays as typed. */
export function parseDay(text: string): string {
  const written = WRITTEN_DAY.exec(text.replace(/\s+/g, ''));
  if (!written) return text;
  const [, day, month, year] = written as unknown as [string, string, string, string];
  return `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
}

/** An ISO date as the page's language writes it: 31.12.2026 or 31/12/2026. */
export function writtenDay(value: string, lang: Lang): string {
  if (!ISO_DAY.test(value)) return value;
  const [year, month, day] = value.split('-');
  return lang === 'lv' ? `${day}.${month}.${year}` : `${day}/${month}/${year}`;
}

/** A posted text as the schema wants it; what cannot be converted is kept, so the schema names the problem. */
function typed(field: ShownField, text: string): unknown {
  if (field.hint.widget === 'date') return parseDay(text);
  // An account number as banks print it (groups of four, any case) is kept as one word.
  if (field.hint.widget === 'iban') return text.replace(/\s+/g, '').toUpperCase();
  const option = field.hint.options?.find((candidate) => String(candidate.value) === text);
  if (option) return option.value;
  const type = typeOf(field.schema);
  if (type === 'number' || type === 'integer') {
    const number = Number(text.replace(/\s+/g, '').replace(',', '.'));
    return Number.isFinite(number) && text.trim() !== '' ? number : text;
  }
  if (type === 'boolean') return text === 'true' ? true : text === 'false' ? false : text;
  return text;
}

/** The posted values of a step's shown fields; empty ones are left out (the schema says whether they were required). */
export function readStep(fields: readonly ShownField[], body: Record<string, unknown>): Answers {
  const values: Answers = {};
  for (const field of fields) {
    const raw = body[field.name];
    const texts = (Array.isArray(raw) ? raw : [raw]).filter((item): item is string => typeof item === 'string').map((item) => item.trim());
    if (isListField(field)) {
      const chosen = texts.filter(Boolean).map((text) => typed({ ...field, schema: (field.schema.items as JsonSchema | undefined) ?? {} }, text));
      values[field.name] = chosen.length > 0 ? chosen : undefined;
    } else if (field.hint.widget === 'date' && postedDayParts(body, field.name)) {
      // Three boxes (day, month, year); a single box as `{name}` is read too (API-like posts, older pages).
      values[field.name] = dayOfParts(postedDayParts(body, field.name) as DayParts);
    } else if (isBooleanField(field) && !field.hint.options) {
      // An unticked box is an answer too: "no".
      values[field.name] = texts.includes('true');
    } else {
      const text = texts[0] ?? '';
      values[field.name] = text === '' ? undefined : typed(field, text.slice(0, 10_000));
    }
  }
  return values;
}

/**
 * The draft after a step was answered: its fields take the posted values, and
 * every field (on any step) whose condition no longer holds is dropped, so
 * hidden answers are never submitted.
 */
export function applyStep(form: Form, step: FormStep, draft: Answers, posted: Answers): Answers {
  const next: Answers = structuredClone(draft);
  for (const name of step.fields) setValue(next, name, posted[name]);
  for (const [name, hint] of Object.entries(form.presentation.fields)) {
    if (hint.showIf && !conditionHolds(hint.showIf, next)) setValue(next, name, undefined);
  }
  const shownSlotNames = new Set(allShownSlots(form, next).map((slot) => slot.name));
  const files = draftFiles(next).filter((file) => shownSlotNames.has(file.slot));
  if (files.length > 0) next[FILES_KEY] = files;
  else delete next[FILES_KEY];
  return next;
}

/** The field an error pointer (`#/data/a/b/0`) is about: the longest field name it starts with. */
export function fieldOfPointer(pointer: string, names: readonly string[]): string | undefined {
  if (!pointer.startsWith('#/data/')) return undefined;
  const path = pointer.slice('#/data/'.length).replace(/~1/g, '/').replace(/~0/g, '~');
  return [...names].sort((a, b) => b.length - a.length).find((name) => path === name || path.startsWith(`${name}/`));
}

/**
 * The message of each field on `fields`, in the page's language; `own` may
 * word a problem the page's way (a date's format, as the page asks for it).
 */
export function errorsFor(problems: readonly FormFieldError[], fields: readonly ShownField[], lang: Lang, own?: (field: ShownField, problem: FormFieldError) => string | undefined): Map<string, string> {
  const byField = new Map<string, string>();
  const names = fields.map((field) => field.name);
  for (const problem of problems) {
    const name = fieldOfPointer(problem.pointer, names);
    const field = fields.find((candidate) => candidate.name === name);
    if (name && field && !byField.has(name)) byField.set(name, own?.(field, problem) ?? problem.messages[lang]);
  }
  return byField;
}

/** The step holding a field, for the check page's links. */
export const stepOfField = (form: Form, name: string): FormStep | undefined => form.presentation.steps.find((step) => step.fields.includes(name));

/** The id a field's input has on the page (field names may hold `/`). */
export const inputId = (name: string): string => `f-${name.replace(/\//g, '--')}`;
export const slotId = (slot: string): string => `file-${slot}`;

/** The next step after `stepId` (or the check page). */
export function nextStep(form: Form, stepId: string): string {
  const steps = form.presentation.steps;
  const index = steps.findIndex((step) => step.id === stepId);
  return steps[index + 1]?.id ?? CHECK;
}

export function previousStep(form: Form, stepId: string): string | undefined {
  const steps = form.presentation.steps;
  const index = stepId === CHECK ? steps.length : steps.findIndex((step) => step.id === stepId);
  return index > 0 ? steps[index - 1]?.id : undefined;
}
