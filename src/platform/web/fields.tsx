/**
 * GOV.UK Frontend form fields with their inline errors, the error summary, the
 * success banner and the CSRF field: the pieces staff pages are built from.
 * Plain HTML: nothing here needs JavaScript. Sending a page and its title are
 * in platform/web/page.tsx.
 *
 * @kitajs/html does not escape children: every dynamic text goes through
 * `safe` (leaf elements) or `e()`; attribute values are escaped by the library.
 */
import { escapeHtml as e } from '@kitajs/html';
import { tCommon as t } from './fields.messages.js';
import type { Lang } from './i18n.js';
import { ErrorSummary as PageErrorSummary, type ShownError } from './page.js';

/** A GOV.UK table's caption (for screen readers only) and its column headers: the opening every list table shares. */
export function TableHead({ caption, headers }: { caption: string; headers: string[] }): JSX.Element {
  return (
    <>
      <caption class="govuk-table__caption govuk-visually-hidden" safe>
        {caption}
      </caption>
      <thead class="govuk-table__head">
        <tr class="govuk-table__row">
          {headers.map((header) => (
            <th scope="col" class="govuk-table__header" safe>
              {header}
            </th>
          ))}
        </tr>
      </thead>
    </>
  );
}

/**
 * A GOV.UK warning text: the icon and the warning (plain text, escaped here);
 * `important`, when given, is read out before it by screen readers only.
 */
export function WarningText({ text, id, important }: { text: string; id?: string; important?: string }): JSX.Element {
  return (
    <div class="govuk-warning-text" id={id}>
      <span class="govuk-warning-text__icon" aria-hidden="true">
        !
      </span>
      <strong class="govuk-warning-text__text">
        {important ? (
          <span class="govuk-visually-hidden" safe>
            {important}
          </span>
        ) : (
          ''
        )}
        {e(text)}
      </strong>
    </div>
  );
}

/** A GOV.UK summary list of key and value rows; a value is markup (escape plain text where it is made). */
export function SummaryList({ rows }: { rows: [string, JSX.Element][] }): JSX.Element {
  return (
    <dl class="govuk-summary-list">
      {rows.map(([key, shown]) => (
        <div class="govuk-summary-list__row">
          <dt class="govuk-summary-list__key" safe>
            {key}
          </dt>
          <dd class="govuk-summary-list__value">{shown}</dd>
        </div>
      ))}
    </dl>
  );
}

export function Csrf({ token }: { token: string }): JSX.Element {
  return <input type="hidden" name="_csrf" value={token} />;
}

/** The error summary under the page's heading, or under `title`. */
export function ErrorSummary({ lang, errors, title, children }: { lang: Lang; errors: ShownError[]; title?: string; children?: JSX.Element | JSX.Element[] }): JSX.Element {
  return PageErrorSummary({ title: title ?? t(lang, 'common.errorSummary'), errors, children });
}

export function SuccessBanner({ lang, text }: { lang: Lang; text: string | undefined }): JSX.Element {
  if (!text) return <></>;
  return (
    <div class="govuk-notification-banner govuk-notification-banner--success" role="alert" aria-labelledby="success-title" data-module="govuk-notification-banner">
      <div class="govuk-notification-banner__header">
        <h2 class="govuk-notification-banner__title" id="success-title" safe>
          {t(lang, 'common.success')}
        </h2>
      </div>
      <div class="govuk-notification-banner__content">
        <p class="govuk-notification-banner__heading" safe>
          {text}
        </p>
      </div>
    </div>
  );
}

function ErrorMessage({ lang, id, text }: { lang: Lang; id: string; text: string }): JSX.Element {
  return (
    <p id={`${id}-error`} class="govuk-error-message">
      <span class="govuk-visually-hidden">{e(t(lang, 'common.errorPrefix'))}</span> {e(text)}
    </p>
  );
}

const describedBy = (id: string, hint: string | undefined, error: string | undefined): string | undefined =>
  [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;

interface FieldProps {
  lang: Lang;
  /** the form field's name; the id is the name with dots as hyphens */
  name: string;
  label: string;
  hint?: string | undefined;
  error?: string | undefined;
  /** the language of the field's content, when it differs from the page's */
  contentLang?: Lang | undefined;
  labelClass?: string;
}

export const idOf = (name: string): string => name.replace(/\./g, '-');

/** What stands above every single control: its label, hint and error message. */
function FieldHead(props: FieldProps & { id: string }): JSX.Element {
  const { id } = props;
  return (
    <>
      <label class={`govuk-label${props.labelClass ? ` ${props.labelClass}` : ''}`} for={id} safe>
        {props.label}
      </label>
      {props.hint ? (
        <div id={`${id}-hint`} class="govuk-hint" safe>
          {props.hint}
        </div>
      ) : (
        ''
      )}
      {props.error ? <ErrorMessage lang={props.lang} id={id} text={props.error} /> : ''}
    </>
  );
}

export function TextInput(
  props: FieldProps & {
    value: string;
    /** when the field's id must differ from its name (another form's error leads to the same field) */
    id?: string;
    width?: 'full' | 'two-thirds' | 'one-half' | '20' | '10' | '5' | '4' | '3';
    type?: string;
    autocomplete?: string;
    inputmode?: string;
    spellcheck?: boolean;
    readonly?: boolean;
  },
): JSX.Element {
  const id = props.id ?? idOf(props.name);
  const width = props.width && /^\d/.test(props.width) ? ` govuk-input--width-${props.width}` : props.width ? ` govuk-!-width-${props.width}` : '';
  return (
    <div class={`govuk-form-group${props.error ? ' govuk-form-group--error' : ''}`}>
      <FieldHead {...props} id={id} />
      <input
        class={`govuk-input${width}${props.error ? ' govuk-input--error' : ''}`}
        id={id}
        name={props.name}
        type={props.type ?? 'text'}
        value={props.value}
        aria-describedby={describedBy(id, props.hint, props.error)}
        lang={props.contentLang}
        autocomplete={props.autocomplete}
        inputmode={props.inputmode}
        spellcheck={props.spellcheck === false ? 'false' : undefined}
        readonly={props.readonly}
      />
    </div>
  );
}

export function TextArea(props: FieldProps & { value: string; rows?: number }): JSX.Element {
  const id = idOf(props.name);
  return (
    <div class={`govuk-form-group${props.error ? ' govuk-form-group--error' : ''}`}>
      <FieldHead {...props} id={id} />
      <textarea
        class={`govuk-textarea govuk-!-width-full${props.error ? ' govuk-textarea--error' : ''}`}
        id={id}
        name={props.name}
        rows={String(props.rows ?? 4)}
        aria-describedby={describedBy(id, props.hint, props.error)}
        lang={props.contentLang}
        safe
      >
        {props.value}
      </textarea>
    </div>
  );
}

export interface Option {
  value: string;
  text: string;
  /** the option's own language, when it differs from the page's */
  lang?: Lang;
}

export function Select(props: FieldProps & { value: string; options: Option[] }): JSX.Element {
  const id = idOf(props.name);
  return (
    <div class={`govuk-form-group${props.error ? ' govuk-form-group--error' : ''}`}>
      <FieldHead {...props} id={id} />
      <select class={`govuk-select${props.error ? ' govuk-select--error' : ''}`} id={id} name={props.name} aria-describedby={describedBy(id, props.hint, props.error)}>
        {props.options.map((option) => (
          <option value={option.value} selected={option.value === props.value} safe>
            {option.text}
          </option>
        ))}
      </select>
    </div>
  );
}

/** A form group's fieldset: its legend, hint and error message, then the choices (`children`). */
function ChoiceGroup(props: Omit<FieldProps, 'label' | 'name'> & { id: string; legend: string; legendClass?: string | undefined; children: JSX.Element }): JSX.Element {
  const { id } = props;
  return (
    <div class={`govuk-form-group${props.error ? ' govuk-form-group--error' : ''}`}>
      <fieldset class="govuk-fieldset" aria-describedby={describedBy(id, props.hint, props.error)}>
        <legend class={`govuk-fieldset__legend ${props.legendClass ?? 'govuk-fieldset__legend--s'}`} safe>
          {props.legend}
        </legend>
        {props.hint ? (
          <div id={`${id}-hint`} class="govuk-hint" safe>
            {props.hint}
          </div>
        ) : (
          ''
        )}
        {props.error ? <ErrorMessage lang={props.lang} id={id} text={props.error} /> : ''}
        {props.children}
      </fieldset>
    </div>
  );
}

/** A group of checkboxes in a fieldset; the first box carries the group's id (error summary links land on it). */
export function Checkboxes(props: Omit<FieldProps, 'label'> & { legend: string; legendClass?: string; options: Option[]; checked: string[]; small?: boolean; id?: string }): JSX.Element {
  const id = props.id ?? idOf(props.name);
  return (
    <ChoiceGroup lang={props.lang} id={id} legend={props.legend} legendClass={props.legendClass} hint={props.hint} error={props.error}>
        <div class={`govuk-checkboxes${props.small ? ' govuk-checkboxes--small' : ''}`} data-module="govuk-checkboxes">
          {props.options.map((option, index) => {
            const boxId = index === 0 ? id : `${id}-${index + 1}`;
            return (
              <div class="govuk-checkboxes__item">
                <input class="govuk-checkboxes__input" id={boxId} name={props.name} type="checkbox" value={option.value} checked={props.checked.includes(option.value)} />
                <label class="govuk-label govuk-checkboxes__label" for={boxId} lang={option.lang} safe>
                  {option.text}
                </label>
              </div>
            );
          })}
        </div>
    </ChoiceGroup>
  );
}

/** A pair of fields for the same text in Latvian and English, side by side on wide screens. */
export function Pair({ children }: { children: JSX.Element[] }): JSX.Element {
  return (
    <div class="govuk-grid-row">
      {children.map((child) => (
        <div class="govuk-grid-column-one-half">{child}</div>
      ))}
    </div>
  );
}

/** An institution chooser (GET), for administrators who may act in several institutions. */
export function InstitutionPicker({ lang, action, options, value }: { lang: Lang; action: string; options: Option[]; value: string }): JSX.Element {
  if (options.length < 2) return <></>;
  return (
    <form method="get" action={action} class="govuk-!-margin-bottom-6">
      <div class="govuk-form-group govuk-!-margin-bottom-2">
        <label class="govuk-label govuk-label--s" for="institution" safe>
          {t(lang, 'common.chooseInstitution')}
        </label>
        <select class="govuk-select" id="institution" name="institution">
          {options.map((option) => (
            <option value={option.value} selected={option.value === value} safe>
              {option.text}
            </option>
          ))}
        </select>{' '}
        <button type="submit" class="govuk-button govuk-button--secondary govuk-!-margin-bottom-0" safe>
          {t(lang, 'common.show')}
        </button>
      </div>
    </form>
  );
}

/** A group of radios in a fieldset; the first radio carries the group's id (error summary links land on it). */
export function Radios(props: Omit<FieldProps, 'label'> & { legend: string; legendClass?: string; options: (Option & { hint?: string })[]; value: string; small?: boolean; id?: string }): JSX.Element {
  const id = props.id ?? idOf(props.name);
  return (
    <ChoiceGroup lang={props.lang} id={id} legend={props.legend} legendClass={props.legendClass} hint={props.hint} error={props.error}>
        <div class={`govuk-radios${props.small ? ' govuk-radios--small' : ''}`} data-module="govuk-radios">
          {props.options.map((option, index) => {
            const radioId = index === 0 ? id : `${id}-${index + 1}`;
            return (
              <div class="govuk-radios__item">
                <input
                  class="govuk-radios__input"
                  id={radioId}
                  name={props.name}
                  type="radio"
                  value={option.value}
                  checked={option.value === props.value}
                  aria-describedby={option.hint ? `${radioId}-item-hint` : undefined}
                />
                <label class="govuk-label govuk-radios__label" for={radioId} lang={option.lang} safe>
                  {option.text}
                </label>
                {option.hint ? (
                  <div id={`${radioId}-item-hint`} class="govuk-hint govuk-radios__hint" safe>
                    {option.hint}
                  </div>
                ) : (
                  ''
                )}
              </div>
            );
          })}
        </div>
    </ChoiceGroup>
  );
}

/** A file input (several files when `multiple`); its form must be multipart/form-data. */
export function FileUpload(props: FieldProps & { multiple?: boolean; accept?: string }): JSX.Element {
  const id = idOf(props.name);
  return (
    <div class={`govuk-form-group${props.error ? ' govuk-form-group--error' : ''}`}>
      <FieldHead {...props} id={id} />
      <input
        class={`govuk-file-upload${props.error ? ' govuk-file-upload--error' : ''}`}
        id={id}
        name={props.name}
        type="file"
        multiple={props.multiple}
        accept={props.accept}
        aria-describedby={describedBy(id, props.hint, props.error)}
      />
    </div>
  );
}
