/**
 * Generic pieces of server-rendered pages: sending a page, its title when it
 * shows errors, and the GOV.UK error summary. Plain HTML: nothing here needs
 * JavaScript.
 *
 * @kitajs/html does not escape children: every dynamic text goes through
 * `safe`; attribute values are escaped by the library.
 */
import type { FastifyReply } from 'fastify';
import { t, type Lang } from './i18n.js';

/** An error as a page shows it: the id of the field it links to, and the message. */
export interface ShownError {
  /** the field's id on this page (the link goes to `#id`) … */
  id?: string;
  /** … or a link to another page (a check-your-answers page points at the steps) */
  href?: string;
  text: string;
}

/** Sends a page that must never be kept by a cache (it may show personal or unpublished data). */
export function sendHtml(reply: FastifyReply, lang: Lang, status: number, html: string): FastifyReply {
  return reply.code(status).type('text/html; charset=utf-8').header('content-language', lang).header('cache-control', 'no-store').send(html);
}

/** A page's title, marked when the page shows errors (GOV.UK: "Error: …"). */
export const pageTitle = (lang: Lang, title: string, errors: readonly unknown[] = []): string => (errors.length > 0 ? t(lang, 'page.titleError', { title }) : title);

/**
 * The GOV.UK error summary under the given heading: a link to each error's
 * field, after any `children`. Nothing when there is neither.
 */
export function ErrorSummary({ title, errors, children }: { title: string; errors: readonly ShownError[]; children?: JSX.Element | JSX.Element[] | undefined }): JSX.Element {
  if (errors.length === 0 && !children) return <></>;
  return (
    // Focused as the page opens (no script needed), so a screen reader and the keyboard start at what to fix.
    <div class="govuk-error-summary" data-module="govuk-error-summary" tabindex="-1" {...{ autofocus: true }}>
      <div role="alert">
        <h2 class="govuk-error-summary__title" safe>
          {title}
        </h2>
        <div class="govuk-error-summary__body">
          {children ?? ''}
          {errors.length > 0 ? (
            <ul class="govuk-list govuk-error-summary__list">
              {errors.map((error) => (
                <li>
                  <a href={error.href ?? `#${error.id ?? ''}`} safe>
                    {error.text}
                  </a>
                </li>
              ))}
            </ul>
          ) : (
            ''
          )}
        </div>
      </div>
    </div>
  );
}
