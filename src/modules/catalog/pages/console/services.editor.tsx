/**
 * The service editor as HTML: every part of a service's content as GOV.UK
 * form fields, Latvian and English side by side, the repeatable parts as rows
 * with an "add another" button each (a submit that re-renders the form with
 * one more row: no JavaScript), errors inline and in the summary above.
 */
import { escapeHtml as e } from '@kitajs/html';
import type { Lang } from '../../../../platform/web/i18n.js';
import type { ShownError } from '../../../../platform/web/page.js';
import type { CatalogEvent } from '../../index.js';
import { Checkboxes, Csrf, idOf, Select, TextArea, TextInput, type Option } from '../../../../platform/web/fields.js';
import {
  CHANNEL_TYPES,
  DURATION_UNITS,
  ITEM_SECTIONS,
  LANGUAGE_CODES,
  REPEATABLE,
  rowCount,
  type FormError,
  type ItemSection,
  type Repeatable,
} from './services.form.js';
import { ts, type ServiceKey } from './services.messages.js';
import { value, values, type FormValues } from '../../../../platform/web/form.js';

/** Errors in the page's language, in the order of the form. */
export function showErrors(lang: Lang, errors: FormError[]): ShownError[] {
  return errors.map((error) => {
    const message = ts(lang, error.key, error.values);
    const text = error.row ? ts(lang, 'error.inRow', { row: ts(lang, `row.${error.row.section}`, { n: error.row.index + 1 }), message }) : message;
    return { id: idOf(error.field), text };
  });
}

export interface EditorProps {
  lang: Lang;
  action: string;
  form: FormValues;
  errors: FormError[];
  events: CatalogEvent[];
  csrf: string;
  submitLabel: string;
  /** hidden fields the form carries back (version, institution) */
  hidden: Record<string, string>;
}

export function ServiceEditor(props: EditorProps): JSX.Element {
  const { lang, form } = props;
  const messages = new Map<string, string>();
  for (const error of props.errors) {
    if (messages.has(error.field)) continue;
    messages.set(error.field, ts(lang, error.key, error.values));
  }
  const err = (name: string): string | undefined => messages.get(name);
  const val = (name: string): string => value(form, name);
  const l = (key: ServiceKey): string => ts(lang, key);

  const input = (name: string, label: ServiceKey, extra: Partial<Parameters<typeof TextInput>[0]> = {}): JSX.Element => (
    <TextInput lang={lang} name={name} label={l(label)} value={val(name)} error={err(name)} {...extra} />
  );
  const area = (name: string, label: ServiceKey, rows = 3, extra: Partial<Parameters<typeof TextArea>[0]> = {}): JSX.Element => (
    <TextArea lang={lang} name={name} label={l(label)} value={val(name)} error={err(name)} rows={rows} {...extra} />
  );
  /** The same text in Latvian and English, side by side. */
  const pair = (base: string, labels: [ServiceKey, ServiceKey], kind: 'input' | 'area' = 'input', rows = 3): JSX.Element => (
    <div class="govuk-grid-row">
      <div class="govuk-grid-column-one-half">{kind === 'area' ? area(`${base}.lv`, labels[0], rows, { contentLang: 'lv' }) : input(`${base}.lv`, labels[0], { contentLang: 'lv' })}</div>
      <div class="govuk-grid-column-one-half">{kind === 'area' ? area(`${base}.en`, labels[1], rows, { contentLang: 'en' }) : input(`${base}.en`, labels[1], { contentLang: 'en' })}</div>
    </div>
  );
  const unitOptions: Option[] = DURATION_UNITS.map((unit) => ({ value: unit, text: l(`unit.${unit}`) }));
  const duration = (base: string, legend: ServiceKey, hint?: ServiceKey): JSX.Element => (
    <div class="govuk-form-group">
      <fieldset class="govuk-fieldset" {...(hint ? { 'aria-describedby': `${idOf(base)}-hint` } : {})}>
        <legend class="govuk-fieldset__legend govuk-fieldset__legend--s" safe>
          {l(legend)}
        </legend>
        {hint ? (
          <div class="govuk-hint" id={`${idOf(base)}-hint`} safe>
            {l(hint)}
          </div>
        ) : (
          ''
        )}
        <div class="govuk-grid-row">
          <div class="govuk-grid-column-one-quarter">{input(`${base}.amount`, 'field.amount', { width: 'full', spellcheck: false })}</div>
          <div class="govuk-grid-column-one-quarter">
            <Select lang={lang} name={`${base}.unit`} label={l('field.unit')} value={val(`${base}.unit`) || 'D'} error={err(`${base}.unit`)} options={unitOptions} />
          </div>
        </div>
      </fieldset>
    </div>
  );

  const rows = (section: Repeatable, render: (base: string) => JSX.Element): JSX.Element => (
    <>
      <h2 class="govuk-heading-m" id={`section-${section}`} safe>
        {l(`section.${section}`)}
      </h2>
      {Array.from({ length: rowCount(form, section) }, (_, index) => (
        <fieldset class="govuk-fieldset govuk-!-margin-bottom-4">
          <legend class="govuk-fieldset__legend govuk-fieldset__legend--s" safe>
            {ts(lang, `row.${section}`, { n: index + 1 })}
          </legend>
          {render(`${section}.${index}`)}
        </fieldset>
      ))}
      <input type="hidden" name={`rows.${section}`} value={String(rowCount(form, section))} />
      <button type="submit" name="action" value={`add:${section}`} class="govuk-button govuk-button--secondary" safe>
        {l(`add.${section}`)}
      </button>
      <hr class="govuk-section-break govuk-section-break--l govuk-section-break--visible" />
    </>
  );
  const itemRow = (base: string): JSX.Element => (
    <>
      {pair(`${base}.name`, ['field.nameLv', 'field.nameEn'])}
      {pair(`${base}.description`, ['field.itemDescriptionLv', 'field.itemDescriptionEn'], 'area', 2)}
    </>
  );

  const eventOptions = (kind: 'life' | 'business'): Option[] => props.events.filter((event) => event.kind === kind).map((event) => ({ value: event.code, text: event.label[lang] }));
  const languages = [...new Set([...LANGUAGE_CODES, ...values(form, 'languages')])];
  const languageOptions: Option[] = languages.map((code) => ({ value: code, text: (LANGUAGE_CODES as readonly string[]).includes(code) ? l(`language.${code}` as ServiceKey) : code }));
  const channelTypes: Option[] = [{ value: '', text: l('field.channelTypeChoose') }, ...CHANNEL_TYPES.map((type) => ({ value: type, text: l(`channel.${type}`) }))];

  // The error summary is the page's (at its top): see services.pages.tsx.
  return (
    <>
      <form method="post" action={props.action} novalidate>
        {/* Enter in a field saves: the first submit button is the form's default. Hidden from everyone but the browser. */}
        <button type="submit" name="action" value="save" class="govuk-visually-hidden" tabindex="-1" aria-hidden="true">
          {e(props.submitLabel)}
        </button>
        <Csrf token={props.csrf} />
        {Object.entries(props.hidden).map(([name, hidden]) => (
          <input type="hidden" name={name} value={hidden} />
        ))}

        <h2 class="govuk-heading-m" safe>
          {l('section.basics')}
        </h2>
        {pair('title', ['field.titleLv', 'field.titleEn'])}
        {pair('description', ['field.descriptionLv', 'field.descriptionEn'], 'area', 6)}
        <div class="govuk-grid-row">
          <div class="govuk-grid-column-one-half">{input('keywords.lv', 'field.keywordsLv', { hint: l('field.keywordsHint'), contentLang: 'lv' })}</div>
          <div class="govuk-grid-column-one-half">{input('keywords.en', 'field.keywordsEn', { hint: l('field.keywordsHint'), contentLang: 'en' })}</div>
        </div>
        {input('identifier', 'field.identifier', { hint: l('field.identifierHint'), width: '20', spellcheck: false })}
        <hr class="govuk-section-break govuk-section-break--l govuk-section-break--visible" />

        <h2 class="govuk-heading-m" safe>
          {l('section.who')}
        </h2>
        <Checkboxes
          lang={lang}
          name="audience"
          legend={l('field.audience')}
          options={[
            { value: 'citizen', text: l('field.audience.citizen') },
            { value: 'business', text: l('field.audience.business') },
          ]}
          checked={values(form, 'audience')}
          error={err('audience')}
        />
        <div class="govuk-grid-row">
          <div class="govuk-grid-column-one-half">
            <Checkboxes lang={lang} name="events" legend={l('field.lifeEvents')} options={eventOptions('life')} checked={values(form, 'events')} error={err('events')} small />
          </div>
          <div class="govuk-grid-column-one-half">
            <Checkboxes lang={lang} name="events" id="events-business" legend={l('field.businessEvents')} options={eventOptions('business')} checked={values(form, 'events')} small />
          </div>
        </div>
        {duration('processingTime', 'field.processingTime', 'field.processingTimeHint')}
        <hr class="govuk-section-break govuk-section-break--l govuk-section-break--visible" />

        <div class="govuk-inset-text" safe>
          {l('section.rowsHint')}
        </div>

        {rows('channels', (base) => (
          <>
            <div class="govuk-grid-row">
              <div class="govuk-grid-column-one-half">
                <Select lang={lang} name={`${base}.type`} label={l('field.channelType')} value={val(`${base}.type`)} error={err(`${base}.type`)} options={channelTypes} />
              </div>
              <div class="govuk-grid-column-one-half">{input(`${base}.url`, 'field.channelUrl', { hint: l('field.channelUrlHint'), type: 'url', spellcheck: false })}</div>
            </div>
            <div class="govuk-grid-row">
              <div class="govuk-grid-column-one-half">{input(`${base}.phone`, 'field.phone', { type: 'tel' })}</div>
              <div class="govuk-grid-column-one-half">{input(`${base}.email`, 'field.email', { type: 'email', spellcheck: false })}</div>
            </div>
            {duration(`${base}.processingTime`, 'field.processingTime')}
            {pair(`${base}.address`, ['field.addressLv', 'field.addressEn'])}
            {pair(`${base}.openingHours`, ['field.hoursLv', 'field.hoursEn'])}
            {pair(`${base}.description`, ['field.channelDescriptionLv', 'field.channelDescriptionEn'], 'area', 2)}
          </>
        ))}

        {rows('costs', (base) => (
          <>
            <div class="govuk-grid-row">
              <div class="govuk-grid-column-one-quarter">{input(`${base}.value`, 'field.costValue', { hint: l('field.costValueHint'), inputmode: 'decimal', width: 'full' })}</div>
              <div class="govuk-grid-column-one-quarter">{input(`${base}.currency`, 'field.currency', { hint: l('field.currencyHint'), width: '3', spellcheck: false, ...(val(`${base}.currency`) ? {} : { value: 'EUR' }) })}</div>
            </div>
            {pair(`${base}.description`, ['field.costDescriptionLv', 'field.costDescriptionEn'])}
            <input type="hidden" name={`${base}.charge`} value={val(`${base}.charge`)} />
          </>
        ))}

        {ITEM_SECTIONS.map((section: ItemSection) => rows(section, itemRow))}

        {rows('legalBasis', (base) => (
          <>
            {pair(`${base}.title`, ['field.legalTitleLv', 'field.legalTitleEn'])}
            {input(`${base}.url`, 'field.legalUrl', { hint: l('field.legalUrlHint'), type: 'url', spellcheck: false })}
          </>
        ))}

        <h2 class="govuk-heading-m" safe>
          {l('section.languages')}
        </h2>
        <Checkboxes lang={lang} name="languages" legend={l('field.languages')} options={languageOptions} checked={values(form, 'languages')} error={err('languages')} small />
        <hr class="govuk-section-break govuk-section-break--l govuk-section-break--visible" />

        <h2 class="govuk-heading-m" safe>
          {l('section.contactPoint')}
        </h2>
        <div class="govuk-grid-row">
          <div class="govuk-grid-column-one-half">{input('contactPoint.email', 'field.email', { type: 'email', spellcheck: false })}</div>
          <div class="govuk-grid-column-one-half">{input('contactPoint.phone', 'field.phone', { type: 'tel' })}</div>
        </div>
        {input('contactPoint.url', 'field.url', { type: 'url', spellcheck: false })}
        {pair('contactPoint.address', ['field.addressLv', 'field.addressEn'])}
        {pair('contactPoint.openingHours', ['field.hoursLv', 'field.hoursEn'])}

        <button type="submit" name="action" value="save" class="govuk-button" data-module="govuk-button" safe>
          {props.submitLabel}
        </button>
      </form>
    </>
  );
}

/** Which repeatable part an "add another" press asked for, if any. */
export function addedSection(form: FormValues): Repeatable | undefined {
  const action = value(form, 'action');
  const section = action.startsWith('add:') ? action.slice(4) : '';
  return (REPEATABLE as readonly string[]).includes(section) ? (section as Repeatable) : undefined;
}
