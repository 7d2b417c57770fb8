/**
 * Platform administrators' institutions (P3): the register's institutions,
 * registering one and changing its names, registration number, homepage and
 * contact point. An institution's code is permanent. Every change is written
 * to the audit trail in the same transaction as the change.
 */
import type { FastifyReply } from 'fastify';
import { inTransaction } from '../../../../platform/db/database.js';
import { AppError } from '../../../../platform/errors.js';
import { otherLang, type Lang } from '../../../../platform/web/i18n.js';
import { renderPage } from '../../../../platform/web/layout.js';
import { pageTitle, sendHtml, type ShownError } from '../../../../platform/web/page.js';
import { auditContext, createAudit } from '../../../audit/index.js';
import { createCatalog, type Institution, type InstitutionChange } from '../../index.js';
import { at, consoleCrumbs, type ConsoleShell, type PageContext, queryValue, seeOther } from '../../../../platform/web/console.js';
import { Csrf, ErrorSummary, SuccessBanner, TableHead, TextInput } from '../../../../platform/web/fields.js';
import type { CatalogConsoleDeps as ConsoleDeps } from './console.pages.js';
import { t, type InstitutionsKey as ConsoleKey } from './institutions.messages.js';
import { isEmail, isPhone, isWebUrl, value, type FormValues } from '../../../../platform/web/form.js';

const CODE = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

function institutionToForm(institution: Institution): FormValues {
  const contact = institution.contactPoint;
  return {
    code: institution.code,
    'name.lv': institution.name.lv,
    'name.en': institution.name.en,
    'shortName.lv': institution.shortName.lv,
    'shortName.en': institution.shortName.en,
    registrationNumber: institution.registrationNumber ?? '',
    homepage: institution.homepage ?? '',
    'contactPoint.email': contact.email ?? '',
    'contactPoint.phone': contact.phone ?? '',
    'contactPoint.url': contact.url ?? '',
    'contactPoint.address.lv': contact.address?.lv ?? '',
    'contactPoint.address.en': contact.address?.en ?? '',
    'contactPoint.openingHours.lv': contact.openingHours?.lv ?? '',
    'contactPoint.openingHours.en': contact.openingHours?.en ?? '',
  };
}

/** Reads the form; `errors` carry message keys (the page's language is chosen later). */
export function parseInstitutionForm(form: FormValues, withCode: boolean): { code: string; change: InstitutionChange; errors: { field: string; key: ConsoleKey }[] } {
  const errors: { field: string; key: ConsoleKey }[] = [];
  const code = value(form, 'code').toLowerCase();
  if (withCode && (!CODE.test(code) || code.length > 60)) errors.push({ field: 'code', key: 'institutions.error.code' });
  const required = (name: string, key: ConsoleKey): string => {
    const text = value(form, name);
    if (text === '' || text.length > 500) errors.push({ field: name, key });
    return text;
  };
  const name = { lv: required('name.lv', 'institutions.error.nameLv'), en: required('name.en', 'institutions.error.nameEn') };
  const shortName = { lv: required('shortName.lv', 'institutions.error.shortNameLv'), en: required('shortName.en', 'institutions.error.shortNameEn') };
  const change: InstitutionChange = { name, shortName, contactPoint: {} };
  const registrationNumber = value(form, 'registrationNumber').replace(/\s/g, '');
  if (registrationNumber !== '') {
    if (/^\d{11}$/.test(registrationNumber)) change.registrationNumber = registrationNumber;
    else errors.push({ field: 'registrationNumber', key: 'institutions.error.registrationNumber' });
  }
  const homepage = value(form, 'homepage');
  if (homepage !== '') {
    if (isWebUrl(homepage)) change.homepage = homepage;
    else errors.push({ field: 'homepage', key: 'common.error.url' });
  }
  const email = value(form, 'contactPoint.email');
  if (email !== '') {
    if (isEmail(email)) change.contactPoint.email = email;
    else errors.push({ field: 'contactPoint.email', key: 'common.error.email' });
  }
  const phone = value(form, 'contactPoint.phone');
  if (phone !== '') {
    if (isPhone(phone)) change.contactPoint.phone = phone;
    else errors.push({ field: 'contactPoint.phone', key: 'common.error.phone' });
  }
  const url = value(form, 'contactPoint.url');
  if (url !== '') {
    if (isWebUrl(url)) change.contactPoint.url = url;
    else errors.push({ field: 'contactPoint.url', key: 'common.error.url' });
  }
  for (const part of ['address', 'openingHours'] as const) {
    const lv = value(form, `contactPoint.${part}.lv`);
    const en = value(form, `contactPoint.${part}.en`);
    if (lv !== '' && en !== '') change.contactPoint[part] = { lv, en };
    else if (lv !== '') errors.push({ field: `contactPoint.${part}.en`, key: 'common.error.pairEn' });
    else if (en !== '') errors.push({ field: `contactPoint.${part}.lv`, key: 'common.error.pairLv' });
  }
  return { code, change, errors };
}

function show(lang: Lang, errors: ReturnType<typeof parseInstitutionForm>['errors']): ShownError[] {
  return errors.map((error) => ({ id: error.field.replace(/\./g, '-'), text: t(lang, error.key) }));
}

// ---- pages ----

async function listPage(deps: ConsoleDeps, { lang, query }: PageContext): Promise<string> {
  const institutions = [...(await deps.catalog.listInstitutions())].sort((a, b) => a.name[lang].localeCompare(b.name[lang], lang));
  const done = queryValue(query.done);
  return renderPage({
    lang,
    title: t(lang, 'institutions.title'),
    alternateUrl: at(otherLang(lang), '/console/institutions'),
    section: 'console',
    breadcrumbs: consoleCrumbs(lang),
    children: (
      <>
        <SuccessBanner lang={lang} text={done === 'created' ? t(lang, 'institutions.created') : done === 'updated' ? t(lang, 'institutions.updated') : undefined} />
        <h1 class="govuk-heading-l" safe>
          {t(lang, 'institutions.title')}
        </h1>
        <p class="govuk-body" safe>
          {t(lang, 'institutions.lead')}
        </p>
        <a href={at(lang, '/console/institutions/new')} role="button" draggable="false" class="govuk-button" data-module="govuk-button" safe>
          {t(lang, 'institutions.new')}
        </a>
        <table class="govuk-table">
          <TableHead caption={t(lang, 'institutions.title')} headers={(['institutions.name', 'institutions.shortName', 'institutions.code', 'institutions.registrationNumber'] as ConsoleKey[]).map((key) => t(lang, key))} />
          <tbody class="govuk-table__body">
            {institutions.map((institution) => (
              <tr class="govuk-table__row">
                <td class="govuk-table__cell">
                  <a class="govuk-link" href={at(lang, `/console/institutions/${institution.code}`)} safe>
                    {institution.name[lang]}
                  </a>
                </td>
                <td class="govuk-table__cell" safe>
                  {institution.shortName[lang]}
                </td>
                <td class="govuk-table__cell" safe>
                  {institution.code}
                </td>
                <td class="govuk-table__cell" safe>
                  {institution.registrationNumber ?? ''}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </>
    ),
  });
}

async function formPage(context: PageContext, options: { institution?: Institution; form: FormValues; errors?: ShownError[]; status?: number }): Promise<FastifyReply> {
  const { lang, reply, csrf } = context;
  const { institution, form } = options;
  const errors = options.errors ?? [];
  const errorOf = (name: string): string | undefined => errors.find((error) => error.id === name.replace(/\./g, '-'))?.text;
  const field = (name: string, label: ConsoleKey, extra: Partial<Parameters<typeof TextInput>[0]> = {}): JSX.Element => (
    <TextInput lang={lang} name={name} label={t(lang, label)} value={value(form, name)} error={errorOf(name)} {...extra} />
  );
  const pair = (base: string, labels: [ConsoleKey, ConsoleKey]): JSX.Element => (
    <div class="govuk-grid-row">
      <div class="govuk-grid-column-one-half">{field(`${base}.lv`, labels[0], { contentLang: 'lv' })}</div>
      <div class="govuk-grid-column-one-half">{field(`${base}.en`, labels[1], { contentLang: 'en' })}</div>
    </div>
  );
  const title = institution ? t(lang, 'institutions.editTitle', { name: institution.shortName[lang] }) : t(lang, 'institutions.newTitle');
  const path = institution ? `/console/institutions/${institution.code}` : '/console/institutions/new';
  const html = await renderPage({
    lang,
    title: pageTitle(lang, title, errors),
    alternateUrl: at(otherLang(lang), path),
    section: 'console',
    breadcrumbs: consoleCrumbs(lang, { href: at(lang, '/console/institutions'), text: t(lang, 'institutions.title') }),
    children: (
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-full">
          <ErrorSummary lang={lang} errors={errors} />
          <h1 class="govuk-heading-l" safe>
            {title}
          </h1>
          <form method="post" action={at(lang, institution ? path : '/console/institutions')} novalidate>
            <Csrf token={csrf} />
            {institution
              ? field('code', 'institutions.code', { readonly: true, width: '10', value: institution.code })
              : field('code', 'institutions.code', { hint: t(lang, 'institutions.codeHint'), width: '10', spellcheck: false, autocomplete: 'off' })}
            {pair('name', ['institutions.nameLv', 'institutions.nameEn'])}
            {pair('shortName', ['institutions.shortNameLv', 'institutions.shortNameEn'])}
            {field('registrationNumber', 'institutions.registrationNumber', { hint: t(lang, 'institutions.registrationNumberHint'), width: '10', inputmode: 'numeric', spellcheck: false })}
            {field('homepage', 'institutions.homepage', { type: 'url', spellcheck: false })}
            <h2 class="govuk-heading-m" safe>
              {t(lang, 'common.contactPoint')}
            </h2>
            <div class="govuk-grid-row">
              <div class="govuk-grid-column-one-half">{field('contactPoint.email', 'common.email', { type: 'email', spellcheck: false })}</div>
              <div class="govuk-grid-column-one-half">{field('contactPoint.phone', 'common.phone', { type: 'tel' })}</div>
            </div>
            {field('contactPoint.url', 'common.url', { type: 'url', spellcheck: false })}
            {pair('contactPoint.address', ['common.addressLv', 'common.addressEn'])}
            {pair('contactPoint.openingHours', ['common.hoursLv', 'common.hoursEn'])}
            <div class="govuk-button-group">
              <button type="submit" class="govuk-button" data-module="govuk-button" safe>
                {institution ? t(lang, 'common.save') : t(lang, 'institutions.create')}
              </button>
              <a class="govuk-link" href={at(lang, '/console/institutions')} safe>
                {t(lang, 'common.cancel')}
              </a>
            </div>
          </form>
        </div>
      </div>
    ),
  });
  return sendHtml(reply, lang, options.status ?? 200, html);
}

async function save(deps: ConsoleDeps, context: PageContext, existing?: Institution): Promise<FastifyReply> {
  const { lang, body, reply, staff, request } = context;
  const parsed = parseInstitutionForm(body, existing === undefined);
  if (parsed.errors.length > 0) return formPage(context, { ...(existing ? { institution: existing } : {}), form: body, errors: show(lang, parsed.errors), status: 400 });
  try {
    // The change and its audit entry commit together.
    const saved = await inTransaction(deps.db, async (trx) => {
      const catalog = createCatalog(trx);
      const result = existing ? await catalog.updateInstitution(staff.principal, existing.id, parsed.change) : await catalog.createInstitution(staff.principal, { ...parsed.change, code: parsed.code });
      await createAudit(trx).record({
        ...auditContext(request),
        action: existing ? 'catalog.institution_updated' : 'catalog.institution_created',
        target: `institution:${result.code}`,
        details: { id: result.id, code: result.code, name: result.name, shortName: result.shortName, registrationNumber: result.registrationNumber ?? null },
      });
      return result;
    });
    await deps.catalog.catchUp();
    return seeOther(reply, lang, `/console/institutions?done=${existing ? 'updated' : 'created'}&institution=${saved.code}`);
  } catch (error) {
    if (error instanceof AppError && error.code === 'catalog.institution-code-taken') {
      return formPage(context, { form: body, errors: [{ id: 'code', text: t(lang, 'institutions.error.codeTaken') }], status: 409 });
    }
    throw error;
  }
}

export function registerInstitutionPages(shell: ConsoleShell, deps: ConsoleDeps): void {
  shell.route({ method: 'GET', path: '/console/institutions', need: 'platform', handler: (context) => listPage(deps, context) });
  shell.route({ method: 'GET', path: '/console/institutions/new', need: 'platform', handler: (context) => formPage(context, { form: {} }) });
  shell.route({ method: 'POST', path: '/console/institutions', need: 'platform', handler: (context) => save(deps, context) });
  shell.route({
    method: 'GET',
    path: '/console/institutions/:code',
    need: 'platform',
    handler: async (context) => {
      const institution = await deps.catalog.getInstitution(context.params.code ?? '');
      return formPage(context, { institution, form: institutionToForm(institution) });
    },
  });
  shell.route({
    method: 'POST',
    path: '/console/institutions/:code',
    need: 'platform',
    handler: async (context) => save(deps, context, await deps.catalog.getInstitution(context.params.code ?? '')),
  });
}
