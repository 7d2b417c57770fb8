/**
 * A read-only preview of one step of an e-form as GOV.UK fields, so a service
 * manager sees what the presentation hints make of the schema before anyone
 * applies: labels and help in the page's language, the widget each field
 * gets, which fields are optional or conditional, and the attachment slots.
 * It is not a form: nothing here can be submitted.
 */
import type { Lang } from '../../../../platform/web/i18n.js';
import type { AttachmentSlot, FieldHint, Form, FormStep, JsonSchema } from '../../index.js';
import { Checkboxes, FileUpload, Radios, Select, TextArea, TextInput } from '../../../../platform/web/fields.js';
import { tf } from './forms.messages.js';
import { REGISTER_NAMES, sourceInfo } from '../../../registers/index.js';

type Widget = NonNullable<FieldHint['widget']>;

const INPUT_TYPES: Partial<Record<Widget, string>> = { email: 'email', tel: 'tel', date: 'date', number: 'text', text: 'text', 'personal-code': 'text' };

function schemaOf(schema: JsonSchema, name: string): JsonSchema | undefined {
  let current: JsonSchema | undefined = schema;
  for (const part of name.split('/')) {
    const properties: unknown = current?.properties;
    current = properties && typeof properties === 'object' && Object.hasOwn(properties, part) ? ((properties as Record<string, JsonSchema>)[part] ?? undefined) : undefined;
  }
  return current;
}

/** The widget a field gets: its hint's, else what its schema suggests. */
function widgetOf(hint: FieldHint, schema: JsonSchema | undefined): Widget {
  if (hint.widget) return hint.widget;
  if (schema?.type === 'boolean') return 'checkbox';
  if (Array.isArray(schema?.enum)) return 'radio';
  return 'text';
}

function isRequired(schema: JsonSchema, name: string): boolean {
  const required = schema.required;
  return !name.includes('/') && Array.isArray(required) && required.includes(name);
}

const idFor = (name: string): string => `preview.${name.replace(/\//g, '.')}`;
const scalar = (value: unknown): string => (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? String(value) : '');

function Field({ lang, form, name }: { lang: Lang; form: Form; name: string }): JSX.Element {
  const hint = form.presentation.fields[name];
  if (!hint) return <></>;
  const schema = schemaOf(form.schema, name);
  // Labels often say it themselves ("Tālrunis (nav obligāts)"): say it once.
  const optional = !isRequired(form.schema, name) && !/nav obligāt|optional/i.test(hint.label[lang]);
  const label = optional ? `${hint.label[lang]} ${tf(lang, 'preview.optional')}` : hint.label[lang];
  const condition = hint.showIf ? tf(lang, 'preview.showIf', { field: form.presentation.fields[hint.showIf.field]?.label[lang] ?? hint.showIf.field, value: scalar(hint.showIf.equals) }) : undefined;
  const source = hint.source ? tf(lang, 'preview.source', { register: REGISTER_NAMES[sourceInfo(hint.source).register][lang] }) : undefined;
  const help = [hint.help?.[lang], condition, source].filter(Boolean).join(' ') || undefined;
  const options = (hint.options ?? []).map((option) => ({ value: scalar(option.value), text: option.label[lang] }));
  const widget = widgetOf(hint, schema);
  const fieldName = idFor(name);
  switch (widget) {
    case 'textarea':
      return <TextArea lang={lang} name={fieldName} label={label} labelClass="govuk-label--s" hint={help} value="" rows={4} />;
    case 'checkbox':
      return <Checkboxes lang={lang} name={fieldName} legend={label} hint={help} options={[{ value: 'true', text: label }]} checked={[]} legendClass="govuk-visually-hidden" />;
    case 'radio':
      return <Radios lang={lang} name={fieldName} legend={label} hint={help} options={options.length > 0 ? options : (Array.isArray(schema?.enum) ? schema.enum : []).map((value) => ({ value: scalar(value), text: scalar(value) }))} value="" />;
    case 'select':
      return <Select lang={lang} name={fieldName} label={label} labelClass="govuk-label--s" hint={help} value="" options={[{ value: '', text: '' }, ...options]} />;
    default:
      return (
        <TextInput
          lang={lang}
          name={fieldName}
          label={label}
          labelClass="govuk-label--s"
          hint={help}
          value=""
          type={INPUT_TYPES[widget] ?? 'text'}
          inputmode={widget === 'number' ? 'decimal' : undefined}
          autocomplete={hint.autocomplete}
          width={widget === 'date' || widget === 'number' || widget === 'personal-code' ? '20' : undefined}
        />
      );
  }
}

function Slot({ lang, slot }: { lang: Lang; slot: AttachmentSlot }): JSX.Element {
  const limits = tf(lang, 'preview.files', { count: slot.maxFiles, size: Math.round(slot.maxBytes / (1024 * 1024)), types: slot.mediaTypes.join(', ') });
  const label = slot.required ? slot.title[lang] : `${slot.title[lang]} ${tf(lang, 'preview.optional')}`;
  return <FileUpload lang={lang} name={idFor(`file.${slot.name}`)} label={label} labelClass="govuk-label--s" hint={[slot.help?.[lang], limits].filter(Boolean).join(' ')} multiple={slot.maxFiles > 1} />;
}

/** One step of the form, as the applicant would see it. */
export function StepPreview({ lang, form, step, number }: { lang: Lang; form: Form; step: FormStep; number: number }): JSX.Element {
  const slots = (step.attachments ?? []).map((name) => form.presentation.attachments.find((slot) => slot.name === name)).filter((slot): slot is AttachmentSlot => slot !== undefined);
  return (
    <div class="govuk-!-padding-4" id="preview">
      <span class="govuk-caption-l" safe>
        {tf(lang, 'preview.step', { number, count: form.presentation.steps.length })}
      </span>
      <h2 class="govuk-heading-l" safe>
        {step.title[lang]}
      </h2>
      {step.description ? (
        <p class="govuk-body" safe>
          {step.description[lang]}
        </p>
      ) : (
        ''
      )}
      {step.fields.map((name) => (
        <Field lang={lang} form={form} name={name} />
      ))}
      {slots.map((slot) => (
        <Slot lang={lang} slot={slot} />
      ))}
      <button type="button" class="govuk-button" disabled aria-disabled="true" data-module="govuk-button" safe>
        {tf(lang, 'preview.continue')}
      </button>
    </div>
  );
}
