/**
 * The service editor's form, without HTML: a service's content as flat form
 * fields (`title.lv`, `steps.2.name.en`, …) and back, with one error per
 * offending field. Repeatable parts (channels, costs, requirements, …) are
 * rows; a row left completely empty is dropped, so "add another" is just one
 * more blank row and deleting a row is clearing it. The register's own schema
 * (ServiceInput, through Ajv) checks the result as a last line of defence.
 */
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { isEmail, isPhone, isWebUrl, value, values, type FormValues } from '../../../../platform/web/form.js';
import type { Channel, Cost, FeeCondition, ServiceContent, Text } from '../../index.js';
import { ServiceInput } from '../../catalog.schemas.js';
import type { ServiceKey } from './services.messages.js';

// ajv-formats is CommonJS: under NodeNext its function is the default export's default.
const addFormats = ((addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule) as unknown as (ajv: Ajv) => Ajv;

export type { FormValues } from '../../../../platform/web/form.js';

export const REPEATABLE = ['channels', 'costs', 'requirements', 'evidence', 'outputs', 'steps', 'legalBasis'] as const;
export type Repeatable = (typeof REPEATABLE)[number];
export type ItemSection = 'requirements' | 'evidence' | 'outputs' | 'steps';
export const ITEM_SECTIONS: ItemSection[] = ['requirements', 'evidence', 'outputs', 'steps'];

/** The register's limits on each repeatable part (catalog.schemas.ts). */
export const MAX_ROWS: Record<Repeatable, number> = { channels: 20, costs: 20, requirements: 50, evidence: 50, outputs: 20, steps: 30, legalBasis: 30 };
export const CHANNEL_TYPES = ['online', 'in_person', 'phone', 'e_address', 'email', 'post'] as const;
export const DURATION_UNITS = ['H', 'D', 'W', 'M', 'Y', 'iso'] as const;
export type DurationUnit = (typeof DURATION_UNITS)[number];
/** Languages offered as checkboxes; a service's other codes are kept and shown too. */
export const LANGUAGE_CODES = ['lv', 'en', 'ru', 'uk', 'de', 'fr', 'lt', 'et', 'pl'] as const;
const TEXT_MAX = 10000;
const ISO_DURATION = /^P(?!$)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+S)?)?$/;

export type ErrorKey = Extract<ServiceKey, `error.${string}`>;

/** One problem with one field, in no language yet. */
export interface FormError {
  /** the field's name; its id is the name with dots as hyphens */
  field: string;
  key: ErrorKey;
  values?: Record<string, string | number>;
  /** the row it is in, for "Step 2: …" */
  row?: { section: Repeatable; index: number };
}

export const fieldId = (name: string): string => name.replace(/\./g, '-');


/** How many rows of a repeatable part the form shows: at least one, at most the register's limit. */
export function rowCount(form: FormValues, section: Repeatable): number {
  const n = Number.parseInt(value(form, `rows.${section}`), 10);
  return Math.min(Math.max(Number.isFinite(n) ? n : 1, 1), MAX_ROWS[section]);
}

/** The same form with one more blank row in `section` ("add another"). */
export function withAnotherRow(form: FormValues, section: Repeatable): FormValues {
  return { ...form, [`rows.${section}`]: String(Math.min(rowCount(form, section) + 1, MAX_ROWS[section])) };
}

// ---- durations ----

/** An ISO 8601 duration as a number and a unit where it is that simple (P30D, PT2H), else as ISO. */
export function splitDuration(duration: string | undefined): { amount: string; unit: DurationUnit } {
  if (!duration) return { amount: '', unit: 'D' };
  const hours = /^PT(\d+)H$/.exec(duration);
  if (hours) return { amount: hours[1] as string, unit: 'H' };
  const simple = /^P(\d+)([DWMY])$/.exec(duration);
  if (simple) return { amount: simple[1] as string, unit: simple[2] as DurationUnit };
  return { amount: duration, unit: 'iso' };
}

function joinDuration(amount: string, unit: DurationUnit): string {
  if (unit === 'iso') return amount.toUpperCase();
  return unit === 'H' ? `PT${Number(amount)}H` : `P${Number(amount)}${unit}`;
}

// ---- content → form ----

function putText(form: FormValues, base: string, text: Text | undefined): void {
  form[`${base}.lv`] = text?.lv ?? '';
  form[`${base}.en`] = text?.en ?? '';
}

function putDuration(form: FormValues, base: string, duration: string | undefined): void {
  const { amount, unit } = splitDuration(duration);
  form[`${base}.amount`] = amount;
  form[`${base}.unit`] = unit;
}

/** A blank form for a new service: one empty row in each repeatable part, Latvian as the language. */
export function blankForm(): FormValues {
  const form: FormValues = { languages: ['lv'], 'processingTime.unit': 'D' };
  for (const section of REPEATABLE) form[`rows.${section}`] = '1';
  return form;
}

/** A service's content as the form shows it, with one blank row after each repeatable part's items. */
export function contentToForm(content: ServiceContent): FormValues {
  const form: FormValues = {};
  form.identifier = content.identifier ?? '';
  putText(form, 'title', content.title);
  putText(form, 'description', content.description);
  form['keywords.lv'] = (content.keywords?.lv ?? []).join(', ');
  form['keywords.en'] = (content.keywords?.en ?? []).join(', ');
  form.audience = [...content.audience];
  form.events = [...content.events];
  form.languages = [...content.languages];
  putDuration(form, 'processingTime', content.processingTime);
  content.channels.forEach((channel, i) => {
    const base = `channels.${i}`;
    form[`${base}.type`] = channel.type;
    form[`${base}.url`] = channel.url ?? '';
    form[`${base}.phone`] = channel.phone ?? '';
    form[`${base}.email`] = channel.email ?? '';
    putDuration(form, `${base}.processingTime`, channel.processingTime);
    putText(form, `${base}.address`, channel.address);
    putText(form, `${base}.openingHours`, channel.openingHours);
    putText(form, `${base}.description`, channel.description);
  });
  content.costs.forEach((cost, i) => {
    form[`costs.${i}.value`] = String(cost.value);
    form[`costs.${i}.currency`] = cost.currency;
    putText(form, `costs.${i}.description`, cost.description);
    // How the fee is charged online is kept as it was: the editor carries it through unchanged.
    form[`costs.${i}.charge`] = cost.code ? JSON.stringify({ code: cost.code, when: cost.when ?? [] }) : '';
  });
  for (const section of ITEM_SECTIONS) {
    content[section].forEach((item, i) => {
      putText(form, `${section}.${i}.name`, item.name);
      putText(form, `${section}.${i}.description`, item.description);
    });
  }
  content.legalBasis.forEach((act, i) => {
    putText(form, `legalBasis.${i}.title`, act.title);
    form[`legalBasis.${i}.url`] = act.url ?? '';
  });
  const contact = content.contactPoint ?? {};
  form['contactPoint.email'] = contact.email ?? '';
  form['contactPoint.phone'] = contact.phone ?? '';
  form['contactPoint.url'] = contact.url ?? '';
  putText(form, 'contactPoint.address', contact.address);
  putText(form, 'contactPoint.openingHours', contact.openingHours);
  const lengths: Record<Repeatable, number> = {
    channels: content.channels.length,
    costs: content.costs.length,
    requirements: content.requirements.length,
    evidence: content.evidence.length,
    outputs: content.outputs.length,
    steps: content.steps.length,
    legalBasis: content.legalBasis.length,
  };
  for (const section of REPEATABLE) form[`rows.${section}`] = String(Math.min(lengths[section] + 1, MAX_ROWS[section]));
  return form;
}

// ---- form → content ----


/** Reads the form, collecting errors; `errors` empty means `content` is what the register accepts. */
class Reader {
  readonly errors: FormError[] = [];
  private row: FormError['row'];

  constructor(readonly form: FormValues) {}

  inRow<T>(section: Repeatable, index: number, read: () => T): T {
    this.row = { section, index };
    try {
      return read();
    } finally {
      this.row = undefined;
    }
  }

  fail(field: string, key: ErrorKey, values?: Record<string, string | number>): void {
    this.errors.push({ field, key, ...(values ? { values } : {}), ...(this.row ? { row: this.row } : {}) });
  }

  text(name: string, max = TEXT_MAX): string {
    const text = value(this.form, name);
    if (text.length > max) this.fail(name, 'error.tooLong', { max });
    return text;
  }

  /** A text in both languages: `required` names the error keys' stem (`title` → error.title.lv). */
  pair(base: string, required?: 'title' | 'description' | 'name' | 'legalTitle' | 'costDescription'): Text | undefined {
    const lv = this.text(`${base}.lv`);
    const en = this.text(`${base}.en`);
    if (lv === '' && en === '') {
      if (required) {
        this.fail(`${base}.lv`, `error.${required}.lv`);
        this.fail(`${base}.en`, `error.${required}.en`);
      }
      return undefined;
    }
    if (lv === '') this.fail(`${base}.lv`, required ? `error.${required}.lv` : 'error.pair.lv');
    if (en === '') this.fail(`${base}.en`, required ? `error.${required}.en` : 'error.pair.en');
    return { lv, en };
  }

  url(name: string): string | undefined {
    const text = value(this.form, name);
    if (text === '') return undefined;
    if (!isWebUrl(text)) this.fail(name, 'error.url');
    return text;
  }

  email(name: string): string | undefined {
    const text = value(this.form, name);
    if (text === '') return undefined;
    if (!isEmail(text)) this.fail(name, 'error.email');
    return text;
  }

  phone(name: string): string | undefined {
    const text = value(this.form, name);
    if (text === '') return undefined;
    if (!isPhone(text)) this.fail(name, 'error.phone');
    return text;
  }

  duration(base: string): string | undefined {
    const amount = value(this.form, `${base}.amount`);
    const unit = value(this.form, `${base}.unit`) || 'D';
    if (amount === '') return undefined;
    if (!(DURATION_UNITS as readonly string[]).includes(unit)) {
      this.fail(`${base}.unit`, 'error.unit');
      return undefined;
    }
    if (unit === 'iso') {
      if (!ISO_DURATION.test(amount.toUpperCase()) || amount.length > 40) this.fail(`${base}.amount`, 'error.iso');
    } else if (!/^\d{1,5}$/.test(amount)) {
      this.fail(`${base}.amount`, 'error.amount');
    }
    return joinDuration(amount, unit as DurationUnit);
  }

  keywords(name: string): string[] {
    const list = value(this.form, name)
      .split(',')
      .map((word) => word.trim())
      .filter((word) => word !== '');
    if (list.length > 40 || list.some((word) => word.length > 80)) this.fail(name, 'error.keywords');
    return list;
  }

  /** The indexes of the rows of `section` that have anything in them (besides the selects' defaults). */
  filledRows(section: Repeatable, fields: string[]): number[] {
    const filled: number[] = [];
    for (let i = 0; i < rowCount(this.form, section); i++) {
      if (fields.some((field) => value(this.form, `${section}.${i}.${field}`) !== '')) filled.push(i);
    }
    return filled;
  }
}

const CHANNEL_FIELDS = ['type', 'url', 'phone', 'email', 'processingTime.amount', 'address.lv', 'address.en', 'openingHours.lv', 'openingHours.en', 'description.lv', 'description.en'];
const ITEM_FIELDS = ['name.lv', 'name.en', 'description.lv', 'description.en'];

export interface ParsedService {
  content: ServiceContent;
  errors: FormError[];
  /** for each repeatable part, the form row of each item kept (rows left empty are dropped) */
  rowsKept: Record<Repeatable, number[]>;
}

/** Reads the service editor's form. `knownEvents`: the event codes the register has. */
export function parseServiceForm(form: FormValues, knownEvents: string[]): ParsedService {
  const read = new Reader(form);
  const identifier = value(form, 'identifier');
  if (identifier.length > 60) read.fail('identifier', 'error.identifier');
  const title = read.pair('title', 'title');
  const description = read.pair('description', 'description');
  const keywords = { lv: read.keywords('keywords.lv'), en: read.keywords('keywords.en') };

  const audience = values(form, 'audience').filter((item): item is 'citizen' | 'business' => item === 'citizen' || item === 'business');
  if (audience.length === 0) read.fail('audience', 'error.audience');
  const events = [...new Set(values(form, 'events'))];
  if (events.some((code) => !knownEvents.includes(code))) read.fail('events', 'error.events');
  const languages = [...new Set(values(form, 'languages'))].filter((code) => /^[a-z]{2}$/.test(code));
  if (languages.length === 0) read.fail('languages', 'error.languages');
  const processingTime = read.duration('processingTime');

  const rowsKept = {} as Record<Repeatable, number[]>;
  const keep = <T>(section: Repeatable, fields: string[], build: (base: string, index: number) => T): T[] => {
    rowsKept[section] = read.filledRows(section, fields);
    return rowsKept[section].map((index) => read.inRow(section, index, () => build(`${section}.${index}`, index)));
  };

  const channels = keep('channels', CHANNEL_FIELDS, (base) => {
    const type = value(form, `${base}.type`);
    const channel: Partial<Channel> = {};
    if ((CHANNEL_TYPES as readonly string[]).includes(type)) channel.type = type as Channel['type'];
    else read.fail(`${base}.type`, 'error.channelType');
    const url = read.url(`${base}.url`);
    if (url !== undefined) channel.url = url;
    else if (type === 'online') read.fail(`${base}.url`, 'error.onlineUrl');
    const phone = read.phone(`${base}.phone`);
    if (phone !== undefined) channel.phone = phone;
    const email = read.email(`${base}.email`);
    if (email !== undefined) channel.email = email;
    const address = read.pair(`${base}.address`);
    if (address) channel.address = address;
    const openingHours = read.pair(`${base}.openingHours`);
    if (openingHours) channel.openingHours = openingHours;
    const time = read.duration(`${base}.processingTime`);
    if (time !== undefined) channel.processingTime = time;
    const explanation = read.pair(`${base}.description`);
    if (explanation) channel.description = explanation;
    return channel as Channel;
  });

  const costs = keep('costs', ['value', 'description.lv', 'description.en'], (base) => {
    const raw = value(form, `${base}.value`).replace(/\s/g, '').replace(',', '.');
    const amount = /^\d{1,9}(\.\d{1,2})?$/.test(raw) ? Number(raw) : Number.NaN;
    if (Number.isNaN(amount)) read.fail(`${base}.value`, 'error.costValue');
    const currency = (value(form, `${base}.currency`) || 'EUR').toUpperCase();
    if (!/^[A-Z]{3}$/.test(currency)) read.fail(`${base}.currency`, 'error.currency');
    const what = read.pair(`${base}.description`, 'costDescription') ?? { lv: '', en: '' };
    return { value: Number.isNaN(amount) ? 0 : amount, currency, description: what, ...chargeOf(value(form, `${base}.charge`)) };
  });

  const items = (section: ItemSection) =>
    keep(section, ITEM_FIELDS, (base) => {
      const name = read.pair(`${base}.name`, 'name') ?? { lv: '', en: '' };
      const explanation = read.pair(`${base}.description`);
      return explanation ? { name, description: explanation } : { name };
    });
  const requirements = items('requirements');
  const evidence = items('evidence');
  const outputs = items('outputs');
  const steps = items('steps');

  const legalBasis = keep('legalBasis', ['title.lv', 'title.en', 'url'], (base) => {
    const act = read.pair(`${base}.title`, 'legalTitle') ?? { lv: '', en: '' };
    const url = read.url(`${base}.url`);
    return url ? { title: act, url } : { title: act };
  });

  const contactPoint: NonNullable<ServiceContent['contactPoint']> = {};
  const contactEmail = read.email('contactPoint.email');
  if (contactEmail) contactPoint.email = contactEmail;
  const contactPhone = read.phone('contactPoint.phone');
  if (contactPhone) contactPoint.phone = contactPhone;
  const contactUrl = read.url('contactPoint.url');
  if (contactUrl) contactPoint.url = contactUrl;
  const contactAddress = read.pair('contactPoint.address');
  if (contactAddress) contactPoint.address = contactAddress;
  const contactHours = read.pair('contactPoint.openingHours');
  if (contactHours) contactPoint.openingHours = contactHours;

  const content: ServiceContent = {
    title: title ?? { lv: '', en: '' },
    description: description ?? { lv: '', en: '' },
    keywords,
    audience: [...new Set(audience)],
    events,
    channels,
    costs,
    requirements,
    evidence,
    outputs,
    steps,
    legalBasis,
    languages,
  };
  if (identifier !== '') content.identifier = identifier;
  if (processingTime !== undefined) content.processingTime = processingTime;
  if (Object.keys(contactPoint).length > 0) content.contactPoint = contactPoint;

  if (read.errors.length === 0) read.errors.push(...schemaErrors(content, rowsKept));
  return { content, errors: read.errors, rowsKept };
}

// ---- the register's schema as the last check ----

/** The first field of a row of each repeatable part: where an error about the whole part points. */
export const FIRST_FIELD: Record<Repeatable, string> = {
  channels: 'type',
  costs: 'value',
  requirements: 'name.lv',
  evidence: 'name.lv',
  outputs: 'name.lv',
  steps: 'name.lv',
  legalBasis: 'title.lv',
};

let validator: ValidateFunction | undefined;

function validate(content: ServiceContent): ErrorObject[] {
  if (!validator) {
    const ajv = new Ajv({ allErrors: true, strict: false });
    addFormats(ajv);
    validator = ajv.compile(ServiceInput);
  }
  return validator(content) ? [] : (validator.errors ?? []);
}

/** Errors the form's own checks missed, pointed at the field they concern (rows mapped back to form rows). */
export function schemaErrors(content: ServiceContent, rowsKept: Record<Repeatable, number[]>): FormError[] {
  const seen = new Set<string>();
  const result: FormError[] = [];
  for (const error of validate(content)) {
    const parts = error.instancePath.split('/').slice(1);
    const section = parts[0] as Repeatable;
    if ((REPEATABLE as readonly string[]).includes(section) && parts[1] !== undefined) parts[1] = String(rowsKept[section]?.[Number(parts[1])] ?? parts[1]);
    if (parts[0] === 'keywords') parts.splice(2);
    const missing = (error.params as { missingProperty?: string }).missingProperty;
    if (missing) parts.push(missing);
    if (parts[parts.length - 1] === 'processingTime') parts.push('amount');
    if (error.keyword === 'maxItems' && (REPEATABLE as readonly string[]).includes(section)) {
      result.push({ field: `${section}.0.${FIRST_FIELD[section]}`, key: 'error.tooMany', values: { max: MAX_ROWS[section] } });
      continue;
    }
    const field = parts.join('.') || 'title.lv';
    if (seen.has(field)) continue;
    seen.add(field);
    result.push({ field, key: 'error.invalid' });
  }
  return result;
}

/** The parts of the content where two versions differ (for the conflict message). */
export function changedParts(mine: ServiceContent, theirs: ServiceContent): (keyof ServiceContent)[] {
  const keys: (keyof ServiceContent)[] = [
    'identifier',
    'title',
    'description',
    'keywords',
    'audience',
    'events',
    'processingTime',
    'channels',
    'costs',
    'requirements',
    'evidence',
    'outputs',
    'steps',
    'legalBasis',
    'languages',
    'contactPoint',
  ];
  const normal = (content: ServiceContent, key: keyof ServiceContent): string => {
    const part = content[key];
    if (key === 'keywords') return JSON.stringify({ lv: content.keywords?.lv ?? [], en: content.keywords?.en ?? [] });
    if (Array.isArray(part) && (key === 'audience' || key === 'events' || key === 'languages')) return JSON.stringify([...part].sort());
    return JSON.stringify(part ?? null, (_key, item: unknown) => (item && typeof item === 'object' && !Array.isArray(item) ? Object.fromEntries(Object.entries(item).sort()) : item));
  };
  return keys.filter((key) => (key === 'identifier' ? mine.identifier !== undefined && mine.identifier !== theirs.identifier : normal(mine, key) !== normal(theirs, key)));
}

/** A fee's online charge (its code and conditions) as the editor carried it; anything malformed is dropped. */
function chargeOf(text: string): Pick<Cost, 'code' | 'when'> {
  if (!text) return {};
  try {
    const parsed = JSON.parse(text) as { code?: unknown; when?: unknown };
    if (typeof parsed.code !== 'string' || !/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(parsed.code) || parsed.code.length > 60) return {};
    const when = Array.isArray(parsed.when)
      ? parsed.when.filter((c): c is FeeCondition => !!c && typeof c === 'object' && typeof (c as FeeCondition).field === 'string' && ['string', 'boolean'].includes(typeof (c as FeeCondition).equals)).slice(0, 5)
      : [];
    return when.length > 0 ? { code: parsed.code, when } : { code: parsed.code };
  } catch {
    return {};
  }
}
