/**
 * Giving a mandate (P15) from the workspace: the representative's personal
 * code, all services or chosen ones, validity dates and whether the
 * representative must accept. Works without JavaScript: the list of services
 * is filtered by a plain GET search (its box and button belong to a separate
 * form through the `form` attribute, so searching never sends the personal
 * code or the CSRF token into an address), and the chosen services are carried
 * across searches. Errors are checked here in the user's language first; what
 * only the access module can tell (e.g. a service withdrawn meanwhile) comes
 * back from it with a field pointer and is shown on the same field.
 */
import { escapeHtml as e } from '@kitajs/html';
import type { FastifyReply } from 'fastify';
import { AppError } from '../../../../platform/errors.js';
import { otherLang, type Lang } from '../../../../platform/web/i18n.js';
import { renderPage } from '../../../../platform/web/layout.js';
import { pageTitle, sendHtml, type ShownError } from '../../../../platform/web/page.js';
import type { Institution, Service } from '../../../catalog/index.js';
import { t } from './mandates.messages.js';
import { check, fromService, MAX_SERVICES, parseDay, rigaToday, valuesOf, type Field, type FieldErrors, type FormValues } from './mandate-form.validate.js';
import { ActingBanner, ErrorSummary, FieldError, workspaceCrumbs } from '../../../../platform/web/workspace.components.js';
import { at, seeOther, type PageContext, type WorkspaceShell } from '../../../../platform/web/workspace.js';
import { canManageMandates, changeContext, type AccessPagesDeps } from './acting.js';
import { textOf } from '../../../../platform/web/form-values.js';

const PATH = '/workspace/mandates/new';
// ---- the page ----

interface PageState {
  values: FormValues;
  errors: FieldErrors;
  q: string;
}

const ORDER: Field[] = ['representative', 'scope', 'services', 'validFrom', 'validUntil'];

function groupClass(error: string | undefined): string {
  return error ? 'govuk-form-group govuk-form-group--error' : 'govuk-form-group';
}

function describedBy(id: string, error: string | undefined, hint = true): string {
  return [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
}

function ServiceCheckbox({ lang, service, index, checked, institutions }: { lang: Lang; service: Service; index: number; checked: boolean; institutions: Map<string, Institution> }): JSX.Element {
  const id = index === 0 ? 'services' : `services-${index + 1}`;
  const institution = institutions.get(service.institutionId);
  return (
    <div class="govuk-checkboxes__item">
      <input class="govuk-checkboxes__input" id={id} name="service" type="checkbox" value={service.id} checked={checked} {...(institution ? { 'aria-describedby': `${id}-institution` } : {})} />
      <label class="govuk-label govuk-checkboxes__label" for={id} safe>
        {service.title[lang]}
      </label>
      {institution ? (
        <div id={`${id}-institution`} class="govuk-hint govuk-checkboxes__hint" safe>
          {institution.name[lang]}
        </div>
      ) : (
        ''
      )}
    </div>
  );
}

async function formPage(deps: AccessPagesDeps, context: PageContext, state: PageState): Promise<string> {
  const { lang, acting, csrf } = context;
  const { values, q } = state;
  const message = (field: Field): string | undefined => (state.errors[field] ? t(lang, state.errors[field]) : undefined);
  const [found, chosen, institutionList] = await Promise.all([
    deps.catalog.search({ ...(q ? { q } : {}), lang, limit: MAX_SERVICES }),
    values.services.length > 0 ? deps.catalog.getMany(values.services) : Promise.resolve([] as Service[]),
    deps.catalog.listInstitutions(),
  ]);
  const institutions = new Map(institutionList.map((institution) => [institution.id, institution]));
  const chosenIds = new Set(chosen.map((service) => service.id));
  const listed = [...chosen, ...found.items.filter((service) => !chosenIds.has(service.id))];
  const errors: ShownError[] = ORDER.filter((field) => state.errors[field]).map((field) => ({
    id: field === 'services' && listed.length === 0 ? 'q' : field,
    text: message(field) as string,
  }));
  const title = t(lang, 'form.title');
  const searchFor = (extra: string): string => {
    const query = new URLSearchParams(values.services.map((id) => ['service', id]));
    if (extra) query.set('q', extra);
    const text = query.toString();
    return `${at(lang, PATH)}${text ? `?${text}` : ''}`;
  };
  return renderPage({
    lang,
    title: pageTitle(lang, title, errors),
    alternateUrl: searchFor(q).replace(at(lang, PATH), at(otherLang(lang), PATH)),
    section: 'workspace',
    breadcrumbs: workspaceCrumbs(lang, { href: at(lang, '/workspace/mandates'), text: t(lang, 'mandates.title') }),
    children: (
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <ErrorSummary lang={lang} errors={errors} />
          <ActingBanner lang={lang} acting={acting} />
          <h1 class="govuk-heading-l" safe>
            {title}
          </h1>
          <p class="govuk-body" safe>
            {t(lang, 'form.lead', { party: acting.current.text })}
          </p>
          <form method="post" action={at(lang, PATH)} novalidate id="mandate-form">
            <input type="hidden" name="_csrf" value={csrf} />
            <div class={groupClass(message('representative'))}>
              <label class="govuk-label govuk-label--s" for="representative" safe>
                {t(lang, 'form.representative')}
              </label>
              <div id="representative-hint" class="govuk-hint" safe>
                {t(lang, 'form.representativeHint')}
              </div>
              <FieldError lang={lang} id="representative" text={message('representative')} />
              <input
                class={message('representative') ? 'govuk-input govuk-input--width-20 govuk-input--error' : 'govuk-input govuk-input--width-20'}
                id="representative"
                name="representative"
                type="text"
                value={values.representative}
                autocomplete="off"
                spellcheck="false"
                aria-describedby={describedBy('representative', message('representative'))}
              />
            </div>

            <div class={groupClass(message('scope'))}>
              <fieldset class="govuk-fieldset" {...(message('scope') ? { 'aria-describedby': 'scope-error' } : {})}>
                <legend class="govuk-fieldset__legend govuk-fieldset__legend--s" safe>
                  {t(lang, 'form.scope')}
                </legend>
                <FieldError lang={lang} id="scope" text={message('scope')} />
                <div class="govuk-radios" data-module="govuk-radios">
                  <div class="govuk-radios__item">
                    <input class="govuk-radios__input" id="scope" name="scope" type="radio" value="all" checked={values.scope === 'all'} />
                    <label class="govuk-label govuk-radios__label" for="scope" safe>
                      {t(lang, 'form.scopeAll')}
                    </label>
                  </div>
                  <div class="govuk-radios__item">
                    <input class="govuk-radios__input" id="scope-2" name="scope" type="radio" value="services" checked={values.scope === 'services'} aria-describedby="scope-2-hint" />
                    <label class="govuk-label govuk-radios__label" for="scope-2" safe>
                      {t(lang, 'form.scopeServices')}
                    </label>
                    <div id="scope-2-hint" class="govuk-hint govuk-radios__hint" safe>
                      {t(lang, 'form.scopeServicesHint')}
                    </div>
                  </div>
                </div>
              </fieldset>
            </div>

            <div class="govuk-form-group">
              <label class="govuk-label govuk-label--s" for="q" safe>
                {t(lang, 'form.search')}
              </label>
              <div id="q-hint" class="govuk-hint" safe>
                {t(lang, 'form.searchHint')}
              </div>
              <div class="pk-search">
                <input class="govuk-input" id="q" name="q" type="search" value={q} maxlength="200" autocomplete="off" spellcheck="false" form="service-search" aria-describedby="q-hint" />
                <button type="submit" class="govuk-button govuk-button--secondary" form="service-search" data-module="govuk-button" safe>
                  {t(lang, 'form.searchButton')}
                </button>
              </div>
              <p class="govuk-body-s" id="found">
                {e(q ? t(lang, 'form.foundFor', { count: found.total, q }) : t(lang, 'form.found', { count: found.total }))}
                {q ? (
                  <>
                    {' '}
                    <a class="govuk-link" href={searchFor('')} safe>
                      {t(lang, 'form.searchClear')}
                    </a>
                  </>
                ) : (
                  ''
                )}
              </p>
            </div>

            <div class={groupClass(message('services'))}>
              <fieldset class="govuk-fieldset" aria-describedby={describedBy('services', message('services'))}>
                <legend class="govuk-fieldset__legend govuk-fieldset__legend--s" safe>
                  {t(lang, 'form.services')}
                </legend>
                <div id="services-hint" class="govuk-hint" safe>
                  {t(lang, 'form.servicesHint')}
                </div>
                <FieldError lang={lang} id="services" text={message('services')} />
                <div class="govuk-checkboxes govuk-checkboxes--small" data-module="govuk-checkboxes">
                  {listed.map((service, index) => (
                    <ServiceCheckbox lang={lang} service={service} index={index} checked={chosenIds.has(service.id)} institutions={institutions} />
                  ))}
                </div>
              </fieldset>
            </div>

            {(['validFrom', 'validUntil'] as const).map((field) => (
              <div class={groupClass(message(field))}>
                <label class="govuk-label govuk-label--s" for={field} safe>
                  {t(lang, field === 'validFrom' ? 'form.validFrom' : 'form.validUntil')}
                </label>
                <div id={`${field}-hint`} class="govuk-hint" safe>
                  {t(lang, field === 'validFrom' ? 'form.validFromHint' : 'form.validUntilHint')}
                </div>
                <FieldError lang={lang} id={field} text={message(field)} />
                <input
                  class={message(field) ? 'govuk-input govuk-input--width-10 govuk-input--error' : 'govuk-input govuk-input--width-10'}
                  id={field}
                  name={field}
                  type="date"
                  value={parseDay(values[field]) ?? values[field]}
                  aria-describedby={describedBy(field, message(field))}
                />
              </div>
            ))}

            <div class="govuk-form-group">
              <fieldset class="govuk-fieldset">
                <legend class="govuk-fieldset__legend govuk-fieldset__legend--s" safe>
                  {t(lang, 'form.acceptance')}
                </legend>
                <div class="govuk-checkboxes govuk-checkboxes--small" data-module="govuk-checkboxes">
                  <div class="govuk-checkboxes__item">
                    <input class="govuk-checkboxes__input" id="requiresAcceptance" name="requiresAcceptance" type="checkbox" value="1" checked={values.requiresAcceptance} aria-describedby="requiresAcceptance-hint" />
                    <label class="govuk-label govuk-checkboxes__label" for="requiresAcceptance" safe>
                      {t(lang, 'form.requiresAcceptance')}
                    </label>
                    <div id="requiresAcceptance-hint" class="govuk-hint govuk-checkboxes__hint" safe>
                      {t(lang, 'form.requiresAcceptanceHint')}
                    </div>
                  </div>
                </div>
              </fieldset>
            </div>

            <button type="submit" class="govuk-button" data-module="govuk-button" safe>
              {t(lang, 'form.submit')}
            </button>
          </form>
          {/* The search's own form: its box and button sit in the list above; the chosen services ride along. */}
          <form method="get" action={at(lang, PATH)} id="service-search">
            {values.services.map((id) => (
              <input type="hidden" name="service" value={id} />
            ))}
          </form>
        </div>
      </div>
    ),
  });
}

async function notAllowedPage(context: PageContext): Promise<string> {
  const { lang, acting } = context;
  return renderPage({
    lang,
    title: t(lang, 'form.title'),
    alternateUrl: at(otherLang(lang), PATH),
    section: 'workspace',
    breadcrumbs: workspaceCrumbs(lang, { href: at(lang, '/workspace/mandates'), text: t(lang, 'mandates.title') }),
    children: (
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <ActingBanner lang={lang} acting={acting} />
          <h1 class="govuk-heading-l" safe>
            {t(lang, 'form.title')}
          </h1>
          <p class="govuk-body" safe>
            {t(lang, 'form.notAllowed', { party: acting.current.text, basis: acting.current.basisText })}
          </p>
          <p class="govuk-body">
            <a class="govuk-link" href={`${at(lang, '/workspace')}#switch`} safe>
              {t(lang, 'form.switch')}
            </a>
          </p>
        </div>
      </div>
    ),
  });
}

async function submit(deps: AccessPagesDeps, context: PageContext): Promise<FastifyReply | string> {
  const { lang, acting, principal, reply, request, body } = context;
  if (!canManageMandates(acting)) return sendHtml(reply, lang, 403, await notAllowedPage(context));
  const values = valuesOf(body, false);
  const { errors, input } = check(values, acting.current.party, rigaToday());
  let shown = errors;
  if (input) {
    try {
      const onBehalfOf = acting.current.basis === 'self' ? undefined : acting.current.party;
      const mandate = await deps.mandates.grant(principal, onBehalfOf, input, changeContext(request));
      return seeOther(reply, lang, `/workspace/mandates?done=${mandate.status === 'pending' ? 'granted-pending' : 'granted'}`);
    } catch (error) {
      if (!(error instanceof AppError) || !['invalid', 'forbidden'].includes(error.kind)) throw error;
      shown = error.kind === 'forbidden' ? { representative: 'error.notPermitted' } : fromService(error);
      if (Object.keys(shown).length === 0) shown = { representative: 'error.representativeInvalid' };
    }
  }
  return sendHtml(reply, lang, 400, await formPage(deps, context, { values, errors: shown, q: '' }));
}

export function registerMandateFormPages(shell: WorkspaceShell, deps: AccessPagesDeps): void {
  shell.route({
    method: 'GET',
    path: PATH,
    handler: async (context) => {
      if (!canManageMandates(context.acting)) return notAllowedPage(context);
      return formPage(deps, context, { values: valuesOf(context.query, true), errors: {}, q: textOf(context.query.q).slice(0, 200) });
    },
  });
  shell.route({ method: 'POST', path: PATH, handler: (context) => submit(deps, context) });
}
