/**
 * The pieces of the e-form pages: one GOV.UK form group per field widget
 * (text, textarea, e-mail, phone, date, number, personal code, a single
 * checkbox, radios, a select, or checkboxes for a list), attachment slots
 * with the files already chosen, answers in words, and file sizes and types.
 * Plain HTML that works without JavaScript.
 *
 * @kitajs/html does not escape children: every dynamic text goes through
 * `safe` or `e()`; attribute values are escaped by the library.
 */
import { escapeHtml as e } from '@kitajs/html';
import { formatDate, LOCALE, type Lang } from '../../../../platform/web/i18n.js';
import { DateInput } from '../../../../platform/web/date-input.js';
import { ErrorSummary } from '../../../../platform/web/page.js';
import type { AttachmentSlot, GivenField } from '../../index.js';
import { inputId, isBooleanField, isListField, slotId, writtenDay, type DraftFile, type ShownField } from './apply.form.js';
import { t } from './applications.messages.js';

/** "12,3 KB", "2 MB". */
export function formatSize(bytes: number, lang: Lang): string {
  const number = (value: number) => new Intl.NumberFormat(LOCALE[lang], { maximumFractionDigits: 1 }).format(value);
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${number(bytes / 1024)} KB`;
  return `${number(bytes / (1024 * 1024))} MB`;
}

const TYPE_NAMES: Record<string, string> = {
  'application/pdf': 'PDF',
  'image/png': 'PNG',
  'image/jpeg': 'JPEG',
  'text/plain': 'TXT',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'DOCX',
  'application/vnd.oasis.opendocument.text': 'ODT',
  'application/xml': 'XML',
  'application/json': 'JSON',
};

export const typesText = (mediaTypes: readonly string[]): string => mediaTypes.map((type) => TYPE_NAMES[type] ?? type).join(', ');

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** An answer in words: options by their label, yes/no, dates in the page's language. */
export function answerText(lang: Lang, field: Pick<ShownField, 'hint'>, value: unknown): string {
  if (value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0)) return t(lang, 'check.notGiven');
  const label = (item: unknown): string => {
    const option = field.hint.options?.find((candidate) => candidate.value === item);
    if (option) return option.label[lang];
    if (typeof item === 'boolean') return t(lang, item ? 'common.yes' : 'common.no');
    if (typeof item === 'string' && DAY.test(item) && !Number.isNaN(Date.parse(`${item}T12:00:00Z`))) return formatDate(`${item}T12:00:00Z`, lang);
    if (typeof item === 'number') return new Intl.NumberFormat(LOCALE[lang], { maximumFractionDigits: 20 }).format(item);
    return typeof item === 'string' ? item : JSON.stringify(item);
  };
  return Array.isArray(value) ? value.map(label).join(', ') : label(value);
}

function FieldErrorMessage({ lang, id, text }: { lang: Lang; id: string; text: string | undefined }): JSX.Element {
  if (!text) return <></>;
  return (
    <p id={`${id}-error`} class="govuk-error-message">
      <span class="govuk-visually-hidden" safe>
        {t(lang, 'common.titleError', { title: '' })}
      </span>
      {e(text)}
    </p>
  );
}

const describedBy = (...ids: (string | false | undefined)[]): Record<string, string> => {
  const list = ids.filter((id): id is string => !!id);
  return list.length > 0 ? { 'aria-describedby': list.join(' ') } : {};
};

const groupClass = (error: string | undefined): string => (error ? 'govuk-form-group govuk-form-group--error' : 'govuk-form-group');

function Hint({ id, text }: { id: string; text: string | undefined }): JSX.Element {
  return text ? (
    <div id={`${id}-hint`} class="govuk-hint" safe>
      {text}
    </div>
  ) : (
    <></>
  );
}

interface FieldProps {
  lang: Lang;
  field: ShownField;
  value: unknown;
  error: string | undefined;
  /** what a state register gave for this field: a value shown as given, or the choices */
  given?: GivenField | undefined;
}

/** Choices as radios, or as checkboxes for a list. */
function Choices({ lang, field, value, error }: FieldProps): JSX.Element {
  const id = inputId(field.name);
  const help = field.hint.help?.[lang];
  const list = isListField(field);
  const chosen = Array.isArray(value) ? value : [value];
  const kind = list ? 'checkboxes' : 'radios';
  return (
    <div class={groupClass(error)}>
      <fieldset class="govuk-fieldset" {...describedBy(help && `${id}-hint`, error && `${id}-error`)}>
        <legend class="govuk-fieldset__legend govuk-fieldset__legend--s" safe>
          {field.hint.label[lang]}
        </legend>
        <Hint id={id} text={help} />
        <FieldErrorMessage lang={lang} id={id} text={error} />
        <div class={`govuk-${kind}${list && (field.hint.options?.length ?? 0) > 8 ? ' govuk-checkboxes--small' : ''}`} data-module={`govuk-${kind}`}>
          {(field.hint.options ?? []).map((option, index) => {
            const optionId = index === 0 ? id : `${id}-${index + 1}`;
            return (
              <div class={`govuk-${kind}__item`}>
                <input class={`govuk-${kind}__input`} id={optionId} name={field.name} type={list ? 'checkbox' : 'radio'} value={String(option.value)} checked={chosen.includes(option.value)} />
                <label class={`govuk-label govuk-${kind}__label`} for={optionId} safe>
                  {option.label[lang]}
                </label>
              </div>
            );
          })}
        </div>
      </fieldset>
    </div>
  );
}

/** A yes/no question as one checkbox: ticked is yes. */
function SingleCheckbox({ lang, field, value, error }: FieldProps): JSX.Element {
  const id = inputId(field.name);
  const help = field.hint.help?.[lang];
  return (
    <div class={groupClass(error)}>
      <FieldErrorMessage lang={lang} id={id} text={error} />
      <div class="govuk-checkboxes" data-module="govuk-checkboxes">
        <div class="govuk-checkboxes__item">
          <input class="govuk-checkboxes__input" id={id} name={field.name} type="checkbox" value="true" checked={value === true} {...describedBy(help && `${id}-hint`, error && `${id}-error`)} />
          <label class="govuk-label govuk-checkboxes__label" for={id} safe>
            {field.hint.label[lang]}
          </label>
          {help ? (
            <div id={`${id}-hint`} class="govuk-hint govuk-checkboxes__hint" safe>
              {help}
            </div>
          ) : (
            ''
          )}
        </div>
      </div>
    </div>
  );
}

function Select({ lang, field, value, error }: FieldProps): JSX.Element {
  const id = inputId(field.name);
  const help = field.hint.help?.[lang];
  return (
    <div class={groupClass(error)}>
      <label class="govuk-label govuk-label--s" for={id} safe>
        {field.hint.label[lang]}
      </label>
      <Hint id={id} text={help} />
      <FieldErrorMessage lang={lang} id={id} text={error} />
      <select class={error ? 'govuk-select govuk-select--error' : 'govuk-select'} id={id} name={field.name} {...describedBy(help && `${id}-hint`, error && `${id}-error`)}>
        <option value="" selected={value === undefined}></option>
        {(field.hint.options ?? []).map((option) => (
          <option value={String(option.value)} selected={option.value === value} safe>
            {option.label[lang]}
          </option>
        ))}
      </select>
    </div>
  );
}

interface InputKind {
  type: string;
  width?: string;
  extra?: Record<string, string>;
}

const INPUTS: Record<string, InputKind> = {
  text: { type: 'text' },
  email: { type: 'email', extra: { spellcheck: 'false', autocomplete: 'email' } },
  tel: { type: 'tel', width: 'govuk-input--width-20', extra: { autocomplete: 'tel' } },
  // A plain text box: browsers' date pickers differ and trip up keyboards and screen readers (GOV.UK's advice).
  date: { type: 'text', width: 'govuk-input--width-10', extra: { spellcheck: 'false', inputmode: 'numeric' } },
  number: { type: 'text', width: 'govuk-input--width-10', extra: { inputmode: 'decimal', spellcheck: 'false' } },
  'personal-code': { type: 'text', width: 'govuk-input--width-10', extra: { spellcheck: 'false', autocomplete: 'off' } },
  iban: { type: 'text', width: 'govuk-input--width-30', extra: { spellcheck: 'false', autocomplete: 'off', autocapitalize: 'characters' } },
};

function TextInput({ lang, field, value, error }: FieldProps): JSX.Element {
  const id = inputId(field.name);
  const widget = field.hint.widget ?? 'text';
  const example = widget === 'date' ? t(lang, 'apply.dateHint') : widget === 'iban' ? t(lang, 'apply.ibanHint') : undefined;
  const help = [field.hint.help?.[lang], example].filter(Boolean).join(' ') || undefined;
  const shown = value === undefined || value === null ? '' : typeof value === 'string' ? (widget === 'date' ? writtenDay(value, lang) : value) : String(value);
  const attributes = { ...describedBy(help && `${id}-hint`, error && `${id}-error`), ...(field.hint.autocomplete ? { autocomplete: field.hint.autocomplete } : {}) };
  if (widget === 'textarea') {
    return (
      <div class={groupClass(error)}>
        <label class="govuk-label govuk-label--s" for={id} safe>
          {field.hint.label[lang]}
        </label>
        <Hint id={id} text={help} />
        <FieldErrorMessage lang={lang} id={id} text={error} />
        <textarea class={error ? 'govuk-textarea govuk-textarea--error' : 'govuk-textarea'} id={id} name={field.name} rows="5" {...attributes} safe>
          {shown}
        </textarea>
      </div>
    );
  }
  const input: InputKind = INPUTS[widget] ?? { type: 'text' };
  const classes = ['govuk-input', input.width ?? '', error ? 'govuk-input--error' : ''].filter(Boolean).join(' ');
  return (
    <div class={groupClass(error)}>
      <label class="govuk-label govuk-label--s" for={id} safe>
        {field.hint.label[lang]}
      </label>
      <Hint id={id} text={help} />
      <FieldErrorMessage lang={lang} id={id} text={error} />
      <input class={classes} id={id} name={field.name} type={input.type} value={shown} {...(input.extra ?? {})} {...attributes} />
    </div>
  );
}

/**
 * A value a state register gave: shown as given, with its source, and no
 * input (the server takes the register's value whatever is posted).
 */
function GivenValue({ lang, field, given }: { lang: Lang; field: ShownField; given: GivenField }): JSX.Element {
  const id = inputId(field.name);
  return (
    <div class="govuk-form-group pk-given" id={id}>
      <p class="govuk-label govuk-label--s govuk-!-margin-bottom-1" id={`${id}-label`} safe>
        {field.hint.label[lang]}
      </p>
      <p class="govuk-body govuk-!-font-weight-bold govuk-!-margin-bottom-1" aria-describedby={`${id}-source`} safe>
        {answerText(lang, field, given.value)}
      </p>
      <p class="govuk-hint" id={`${id}-source`} safe>
        {`${t(lang, 'apply.givenSource', { register: given.registerName[lang], date: formatDate(given.at, lang) })} ${t(lang, 'apply.givenCorrection')}`}
      </p>
    </div>
  );
}

/** The help of a field whose choices come from a register names the register. */
function withChoicesSource(lang: Lang, field: ShownField, given: GivenField): ShownField {
  const source = t(lang, 'apply.choicesSource', { register: given.registerName[lang] });
  const help = field.hint.help ? `${field.hint.help[lang]} ${source}` : source;
  return { ...field, hint: { ...field.hint, help: { lv: help, en: help } } };
}

/** An IBAN's problem in words a person can act on: its shape, its length, or a mistyped digit. */
export function ibanWording(lang: Lang, value: unknown): string {
  const compact = typeof value === 'string' ? value.replace(/\s+/g, '').toUpperCase() : '';
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]+$/.test(compact)) return t(lang, 'apply.ibanShape');
  if (compact.startsWith('LV') && compact.length !== 21) return t(lang, 'apply.ibanLength', { count: compact.length });
  return t(lang, 'apply.ibanChecksum');
}

/** The form group of one field, by its widget (and its schema, for lists and yes/no). */
export function Field(props: FieldProps): JSX.Element {
  const { given } = props;
  if (given?.value !== undefined) return <GivenValue lang={props.lang} field={props.field} given={given} />;
  const field = given?.options ? withChoicesSource(props.lang, props.field, given) : props.field;
  props = { ...props, field };
  const { lang } = props;
  if (field.hint.widget === 'date') {
    return <DateInput lang={lang} name={field.name} id={inputId(field.name)} label={field.hint.label[lang]} help={field.hint.help?.[lang]} value={props.value} error={props.error} autocomplete={field.hint.autocomplete} />;
  }
  if (field.hint.options && (field.hint.widget === 'radio' || isListField(field))) return <Choices {...props} />;
  if (field.hint.options && field.hint.widget === 'select') return <Select {...props} />;
  if (isBooleanField(field)) return <SingleCheckbox {...props} />;
  return <TextInput {...props} />;
}

/**
 * An attachment slot: what it takes, the files already chosen (each with a
 * remove button that belongs to the separate remove form), and a file input.
 */
export function Slot({ lang, slot, files, error, removeForm }: { lang: Lang; slot: AttachmentSlot; files: DraftFile[]; error: string | undefined; removeForm: string }): JSX.Element {
  const id = slotId(slot.name);
  const help = slot.help?.[lang];
  const room = slot.maxFiles - files.length;
  return (
    <div class={groupClass(error)}>
      {room > 0 ? (
        <label class="govuk-label govuk-label--s" for={id} safe>
          {slot.title[lang]}
        </label>
      ) : (
        <p class="govuk-label govuk-label--s" id={id} safe>
          {slot.title[lang]}
        </p>
      )}
      {help ? (
        <div id={`${id}-help`} class="govuk-hint" safe>
          {help}
        </div>
      ) : (
        ''
      )}
      <div id={`${id}-hint`} class="govuk-hint" safe>
        {t(lang, 'apply.fileLimits', { types: typesText(slot.mediaTypes), size: formatSize(slot.maxBytes, lang), count: slot.maxFiles })}
      </div>
      <FieldErrorMessage lang={lang} id={id} text={error} />
      {files.length > 0 ? (
        <dl class="govuk-summary-list" id={`${id}-chosen`}>
          {files.map((file) => (
            <div class="govuk-summary-list__row">
              <dt class="govuk-summary-list__key" safe>
                {file.filename}
              </dt>
              <dd class="govuk-summary-list__value" safe>
                {formatSize(file.size, lang)}
              </dd>
              <dd class="govuk-summary-list__actions">
                <button type="submit" form={removeForm} name="file" value={`${slot.name}:${file.sha256}`} class="govuk-button govuk-button--secondary govuk-!-margin-bottom-0" data-module="govuk-button">
                  {e(t(lang, 'apply.fileRemove'))}
                  <span class="govuk-visually-hidden" safe>
                    {t(lang, 'common.hiddenFile', { name: file.filename })}
                  </span>
                </button>
              </dd>
            </div>
          ))}
        </dl>
      ) : (
        ''
      )}
      {room > 0 ? (
        <input
          class={error ? 'govuk-file-upload govuk-file-upload--error' : 'govuk-file-upload'}
          id={id}
          name={`file:${slot.name}`}
          type="file"
          multiple={room > 1}
          accept={slot.mediaTypes.join(',')}
          {...describedBy(help && `${id}-help`, `${id}-hint`, error && `${id}-error`)}
        />
      ) : (
        ''
      )}
    </div>
  );
}

/** An error summary whose links may lead to other pages (the check page points at the steps). */
export function LinkedErrorSummary({ lang, errors }: { lang: Lang; errors: { href: string; text: string }[] }): JSX.Element {
  return <ErrorSummary title={t(lang, 'common.errorSummary')} errors={errors} />;
}
