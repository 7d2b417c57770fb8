/**
 * The portal's side of customer support (P13): the general contact page
 * `/support` (also `/palidziba` and `/help`), reached from every service page
 * through `AskPanel`. A signed-in person is sent to the workspace's form, where
 * the question belongs to them (or to whom they act for). A visitor gives a
 * name and an e-mail address; the question reaches a queue only once the link
 * sent there is followed (a page with a button: a mail scanner's GET confirms
 * nothing). Plain forms with CSRF tokens: no JavaScript needed.
 */
import { escapeHtml as e } from '@kitajs/html';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../../../platform/errors.js';
import { sessionPrincipal } from '../../../../platform/http/auth.js';
import { csrfFailed, csrfToken, verifyCsrf } from '../../../../platform/http/csrf.js';
import type { App } from '../../../../platform/http/server.js';
import { renderNotFoundPage } from '../../../../platform/web/assets.js';
import { Csrf, ErrorSummary, Select, TextArea, TextInput } from '../../../../platform/web/fields.js';
import { formBody, value } from '../../../../platform/web/form.js';
import { LANGS, otherLang, pathInLang, type Lang } from '../../../../platform/web/i18n.js';
import { renderMessagePage, renderPage } from '../../../../platform/web/layout.js';
import { pageTitle, sendHtml, type ShownError } from '../../../../platform/web/page.js';
import type { SupportService } from '../../support.service.js';
import { t } from '../support.messages.js';
import { readPostedForm } from '../../../applications/index.js';
import { FilesField, postedText, refusedFile, uploadProblem, uploadsOf } from '../support.uploads.js';

const PATH = '/support';
const at = (lang: Lang, path: string): string => pathInLang(path, lang);

export interface SupportPortalDeps {
  support: SupportService;
  /** the catalog's: a service by slug (a question asked from its page) */
  catalog: { lookup(ref: string): Promise<{ kind: string; service?: { id: string; slug: string; title: { lv: string; en: string } } }> };
}

/**
 * The support panel on a service's portal page (the catalog's page shows the
 * panels app.ts hands it): the service's frequently asked questions, as
 * GOV.UK details that open without JavaScript, and "Ask a question".
 */
export function servicePanel(support: Pick<SupportService, 'faqs'>) {
  return async function SupportPanel({ lang, service }: { lang: Lang; service: { id: string; slug: string } }): Promise<string> {
    const faqs = await support.faqs(service.id).catch(() => []);
    return (
      <aside class="pk-aside" aria-labelledby="ask-question">
        {faqs.length > 0 ? (
          <>
            <h2 class="govuk-heading-s" id="faq" safe>
              {t(lang, 'faq.title')}
            </h2>
            {faqs.map((faq) => (
              <details class="govuk-details">
                <summary class="govuk-details__summary">
                  <span class="govuk-details__summary-text" safe>
                    {faq.question[lang]}
                  </span>
                </summary>
                <div class="govuk-details__text">
                  {faq.answer[lang].split(/\n+/).map((line) => (
                    <p class="govuk-body" safe>
                      {line}
                    </p>
                  ))}
                </div>
              </details>
            ))}
          </>
        ) : (
          ''
        )}
        <h2 class="govuk-heading-s" id="ask-question" safe>
          {t(lang, 'panel.title')}
        </h2>
        <p class="govuk-body" safe>
          {t(lang, 'panel.text')}
        </p>
        <p class="govuk-body">
          <a class="govuk-link" href={`${at(lang, PATH)}?service=${encodeURIComponent(service.slug)}`} safe>
            {t(lang, 'panel.askAbout')}
          </a>
        </p>
      </aside>
    ) as Promise<string>;
  };
}

interface AskForm {
  name: string;
  email: string;
  subject: string;
  message: string;
}

type Found = { id: string; slug: string; title: { lv: string; en: string } };

async function serviceOf(deps: SupportPortalDeps, slug: string): Promise<Found | undefined> {
  if (!slug || slug.length > 200 || !/^[a-z0-9-]+$/.test(slug)) return undefined;
  const found = await deps.catalog.lookup(slug).catch(() => undefined);
  return found && found.kind !== 'missing' && found.service ? found.service : undefined;
}

async function askPage(deps: SupportPortalDeps, request: FastifyRequest, lang: Lang, service: Found | undefined, form: AskForm, errors: ShownError[]): Promise<string> {
  const subjects = await deps.support.subjects();
  const title = t(lang, 'ask.title');
  const query = service ? `?service=${encodeURIComponent(service.slug)}` : '';
  const fieldError = (id: string): string | undefined => errors.find((error) => error.id === id)?.text;
  return renderPage({
    lang,
    title: pageTitle(lang, title, errors),
    alternateUrl: `${at(otherLang(lang), PATH)}${query}`,
    breadcrumbs: [{ href: at(lang, '/'), text: lang === 'lv' ? 'Sākums' : 'Home' }],
    children: (
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <ErrorSummary lang={lang} errors={errors} />
          <h1 class="govuk-heading-l" safe>
            {title}
          </h1>
          <p class="govuk-body" safe>
            {t(lang, 'ask.lead')}
          </p>
          <div class="govuk-inset-text">
            <strong safe>{t(lang, 'ask.about')}</strong>:{' '}
            {e(service ? t(lang, 'ask.aboutService', { title: service.title[lang] }) : t(lang, 'ask.aboutGeneral'))}
          </div>
          <p class="govuk-body">
            {e(t(lang, 'ask.signIn'))}{' '}
            <a class="govuk-link" href={`/login?returnTo=${encodeURIComponent(`${at(lang, '/workspace/support/new')}${query}`)}`} safe>
              {t(lang, 'ask.signInLink')}
            </a>
          </p>
          <form method="post" action={`${at(lang, PATH)}${query}`} enctype="multipart/form-data" novalidate>
            <Csrf token={csrfToken(request)} />
            <TextInput lang={lang} name="name" label={t(lang, 'ask.name')} value={form.name} error={fieldError('name')} autocomplete="name" spellcheck={false} />
            <TextInput lang={lang} name="email" type="email" label={t(lang, 'ask.email')} hint={t(lang, 'ask.emailHint')} value={form.email} error={fieldError('email')} autocomplete="email" spellcheck={false} />
            <Select
              lang={lang}
              name="subject"
              label={t(lang, 'ask.subject')}
              value={form.subject}
              error={fieldError('subject')}
              options={[{ value: '', text: t(lang, 'ask.choose') }, ...subjects.map((subject) => ({ value: subject.code, text: subject.label[lang] }))]}
            />
            <TextArea lang={lang} name="message" label={t(lang, 'ask.message')} hint={t(lang, 'ask.messageHint')} value={form.message} error={fieldError('message')} rows={6} />
            <FilesField lang={lang} error={fieldError('files')} />
            <button type="submit" class="govuk-button" data-module="govuk-button" safe>
              {t(lang, 'ask.send')}
            </button>
          </form>
        </div>
      </div>
    ),
  });
}

/** The field an invalid-input error names (`#/email` → email). */
export function fieldOf(error: unknown): string | undefined {
  if (!(error instanceof AppError) || error.kind !== 'invalid') return undefined;
  return error.errors?.[0]?.pointer.replace(/^#\//, '') || undefined;
}

const FIELD_TEXT = { name: 'error.name', email: 'error.email', subject: 'error.subject', message: 'error.message' } as const;

export function registerSupportPortalPages(app: App, deps: SupportPortalDeps): void {
  const hide = { schema: { hide: true } };
  const message = async (reply: FastifyReply, lang: Lang, status: number, title: string, paragraphs: string[], links: { href: string; text: string }[], path = PATH): Promise<FastifyReply> =>
    sendHtml(reply, lang, status, await renderMessagePage({ lang, title, alternateUrl: at(otherLang(lang), path), paragraphs, links }));

  const guarded = (lang: Lang, handler: (request: FastifyRequest, reply: FastifyReply) => Promise<FastifyReply | string>) => async (request: FastifyRequest, reply: FastifyReply) => {
    try {
      const result = await handler(request, reply);
      return typeof result === 'string' ? sendHtml(reply, lang, 200, result) : result;
    } catch (error) {
      if (error instanceof AppError && error.kind === 'not_found') return renderNotFoundPage(request, reply);
      if (error instanceof AppError && error.code === 'auth.csrf') throw error;
      request.log.error({ err: error }, 'support page failed');
      return message(reply, lang, 503, lang === 'lv' ? 'Radās kļūda' : 'Something went wrong', [lang === 'lv' ? 'Lūdzu, mēģiniet vēlreiz vēlāk.' : 'Please try again later.'], []);
    }
  };

  const slugOf = (request: FastifyRequest): string => value((request.query ?? {}) as Record<string, string>, 'service');

  for (const lang of LANGS) {
    for (const alias of ['/palidziba', '/help']) app.get(at(lang, alias), hide, async (_request, reply) => reply.redirect(at(lang, PATH), 301));

    app.get(
      at(lang, PATH),
      hide,
      guarded(lang, async (request, reply) => {
        const slug = slugOf(request);
        // Signed in: the workspace's form, where the question belongs to the person or whom they act for.
        if (sessionPrincipal(request)) return reply.redirect(`${at(lang, '/workspace/support/new')}${slug ? `?service=${encodeURIComponent(slug)}` : ''}`, 303);
        const service = slug ? await serviceOf(deps, slug) : undefined;
        if (slug && !service) return renderNotFoundPage(request, reply);
        return askPage(deps, request, lang, service, { name: '', email: '', subject: '', message: '' }, []);
      }),
    );

    app.post(
      at(lang, PATH),
      hide,
      guarded(lang, async (request, reply) => {
        // Multipart (optional files): the token is checked once the parts are read.
        const posted = await readPostedForm(request);
        if (!posted.malformed && !posted.csrfOk) throw csrfFailed();
        const form: AskForm = { name: postedText(posted, 'name'), email: postedText(posted, 'email'), subject: postedText(posted, 'subject'), message: postedText(posted, 'message') };
        const files = uploadsOf(posted);
        const slug = slugOf(request);
        const service = slug ? await serviceOf(deps, slug) : undefined;
        if (slug && !service) return renderNotFoundPage(request, reply);
        const errors: ShownError[] = [];
        if (!form.name || form.name.length > 200) errors.push({ id: 'name', text: t(lang, 'error.name') });
        if (!form.email) errors.push({ id: 'email', text: t(lang, 'error.email') });
        if (!form.subject) errors.push({ id: 'subject', text: t(lang, 'error.subject') });
        if (!form.message || form.message.length > 5000) errors.push({ id: 'message', text: t(lang, 'error.message') });
        const unreadable = uploadProblem(lang, posted);
        if (unreadable) errors.push({ id: 'files', text: unreadable });
        if (errors.length === 0) {
          try {
            await deps.support.askAsVisitor({ ...form, serviceId: service?.id, language: lang, ip: request.ip, files });
            return reply.redirect(at(lang, `${PATH}/sent`), 303);
          } catch (error) {
            if (error instanceof AppError && error.kind === 'rate_limited') {
              return message(reply, lang, 429, t(lang, 'rate.title'), [t(lang, 'rate.text')], [{ href: at(lang, '/'), text: t(lang, 'back.home') }]);
            }
            const refused = refusedFile(lang, error, files);
            const field = fieldOf(error);
            if (refused) errors.push({ id: 'files', text: refused });
            else if (!field || !(field in FIELD_TEXT)) throw error;
            else errors.push({ id: field, text: t(lang, FIELD_TEXT[field as keyof typeof FIELD_TEXT]) });
          }
        }
        return sendHtml(reply, lang, 400, await askPage(deps, request, lang, service, form, errors));
      }),
    );

    app.get(
      at(lang, `${PATH}/sent`),
      hide,
      guarded(lang, async (_request, reply) => message(reply, lang, 200, t(lang, 'sent.title'), [t(lang, 'sent.text')], [{ href: at(lang, '/'), text: t(lang, 'back.home') }], `${PATH}/sent`)),
    );

    const invalidLink = (reply: FastifyReply): Promise<FastifyReply> =>
      message(reply, lang, 400, t(lang, 'confirm.invalidTitle'), [t(lang, 'confirm.invalid')], [{ href: at(lang, PATH), text: t(lang, 'back.ask') }], `${PATH}/confirm`);

    app.get(
      at(lang, `${PATH}/confirm`),
      hide,
      guarded(lang, async (request, reply) => {
        const token = value((request.query ?? {}) as Record<string, string>, 'token');
        let pending: { number: number; email: string };
        try {
          pending = await deps.support.peekConfirmation(token);
        } catch {
          return invalidLink(reply);
        }
        const title = t(lang, 'confirm.title');
        return renderPage({
          lang,
          title,
          alternateUrl: `${at(otherLang(lang), `${PATH}/confirm`)}?token=${encodeURIComponent(token)}`,
          children: (
            <div class="govuk-grid-row">
              <div class="govuk-grid-column-two-thirds">
                <h1 class="govuk-heading-l" safe>
                  {title}
                </h1>
                <p class="govuk-body" safe>
                  {t(lang, 'confirm.text', { number: pending.number, email: pending.email })}
                </p>
                <form method="post" action={at(lang, `${PATH}/confirm`)} novalidate>
                  <Csrf token={csrfToken(request)} />
                  <input type="hidden" name="token" value={token} />
                  <button type="submit" class="govuk-button" data-module="govuk-button" safe>
                    {t(lang, 'confirm.button')}
                  </button>
                </form>
              </div>
            </div>
          ),
        });
      }),
    );

    app.post(
      at(lang, `${PATH}/confirm`),
      hide,
      guarded(lang, async (request, reply) => {
        await verifyCsrf(request);
        let number: number;
        try {
          number = (await deps.support.confirmVisitor(value(formBody(request.body), 'token'))).number;
        } catch (error) {
          if (error instanceof AppError && error.code === 'support.confirmation-invalid') return invalidLink(reply);
          throw error;
        }
        return message(reply, lang, 200, t(lang, 'confirmed.title'), [t(lang, 'confirmed.text', { number })], [{ href: at(lang, '/'), text: t(lang, 'back.home') }], `${PATH}/confirm`);
      }),
    );
  }
}
