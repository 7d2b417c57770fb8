/**
 * Pieces the support pages share: a ticket's state as a tag, one entry of a
 * thread (as the person or an agent reads it), and the rating of an answer.
 */
import { escapeHtml as e } from '@kitajs/html';
import { Csrf, TextArea } from '../../../platform/web/fields.js';
import { formatDateTime, pathInLang, type Lang } from '../../../platform/web/i18n.js';
import type { Entry, Ticket, TicketWithThread } from '../support.service.js';
import { t, type SupportKey } from './support.messages.js';
import { EntryFiles } from './support.uploads.js';
import type { EntryFile } from '../files.service.js';

const at = (lang: Lang, path: string): string => pathInLang(path, lang);

export function StateTag({ lang, state, overdue }: { lang: Lang; state: Ticket['state']; overdue?: boolean }): JSX.Element {
  const colour = state === 'closed' ? 'govuk-tag--grey' : state === 'awaiting_person' ? 'govuk-tag--green' : 'govuk-tag--blue';
  return (
    <>
      <strong class={`govuk-tag ${colour}`} safe>
        {t(lang, `state.${state}`)}
      </strong>
      {overdue ? (
        <>
          {' '}
          <strong class="govuk-tag govuk-tag--red" safe>
            {t(lang, 'desk.overdue')}
          </strong>
        </>
      ) : (
        ''
      )}
    </>
  );
}

/** One entry of a thread as the person or an agent reads it; `fileHref` links its files for download. */
export function ThreadEntry({
  lang,
  entry,
  institutionName,
  who,
  fileHref,
}: {
  lang: Lang;
  entry: Entry;
  institutionName: (id: string | null) => string;
  who: (entry: Entry) => string;
  fileHref: (file: EntryFile) => string;
}): JSX.Element {
  const when = (
    <p class="govuk-body-s govuk-!-margin-bottom-1" safe>
      {`${who(entry)} · ${formatDateTime(entry.at, lang)}`}
    </p>
  );
  if (entry.kind === 'message' || entry.kind === 'reply' || entry.kind === 'note') {
    return (
      <div class={`pk-entry pk-entry--${entry.kind} govuk-!-margin-bottom-4`} id={`entry-${entry.kind}`}>
        {when}
        {entry.kind === 'note' ? (
          <p class="govuk-body-s govuk-!-font-weight-bold govuk-!-margin-bottom-1" safe>
            {t(lang, 'thread.note')}
          </p>
        ) : (
          ''
        )}
        <div class={entry.kind === 'note' ? 'govuk-inset-text govuk-!-margin-top-1' : ''}>
          {(entry.body ?? '').split(/\n+/).map((line) => (
            <p class="govuk-body" safe>
              {line}
            </p>
          ))}
        </div>
        <EntryFiles lang={lang} files={entry.files} href={fileHref} />
      </div>
    );
  }
  const text =
    entry.kind === 'transfer'
      ? t(lang, 'thread.transfer', { institution: institutionName(entry.toQueue) })
      : entry.kind === 'merged'
        ? t(lang, 'thread.merged', { number: entry.otherTicket ?? '' })
        : entry.kind === 'assigned'
        ? t(lang, 'thread.assigned', { name: who(entry) })
        : t(lang, entry.kind === 'closed' ? 'thread.closed' : 'thread.reopened');
  return (
    <div class="govuk-!-margin-bottom-4" id={`entry-${entry.kind}`}>
      <p class="govuk-body-s govuk-!-margin-bottom-1" safe>
        {formatDateTime(entry.at, lang)}
      </p>
      <p class="govuk-body govuk-!-font-weight-bold" safe>
        {text}
      </p>
      {entry.kind === 'transfer' && entry.body ? (
        <p class="govuk-body" safe>
          {entry.body}
        </p>
      ) : (
        ''
      )}
    </div>
  );
}

/** Once closed: the person rates the answer (1–5 and a comment), once; then the rating is shown. */
export function RatingPart({ lang, csrf, ticket, base, error }: { lang: Lang; csrf: string; ticket: TicketWithThread; base: string; error: string | undefined }): JSX.Element {
  if (ticket.rating !== null) {
    return (
      <p class="govuk-body" id="rating" safe>
        {t(lang, 'rating.given', { rating: ticket.rating })}
      </p>
    );
  }
  return (
    <form method="post" action={at(lang, `${base}/rate`)} novalidate class="govuk-!-margin-top-6">
      <Csrf token={csrf} />
      <div class={`govuk-form-group${error ? ' govuk-form-group--error' : ''}`}>
        <fieldset class="govuk-fieldset" aria-describedby={error ? 'rating-hint rating-error' : 'rating-hint'}>
          <legend class="govuk-fieldset__legend govuk-fieldset__legend--m">
            <h2 class="govuk-fieldset__heading" safe>
              {t(lang, 'rating.title')}
            </h2>
          </legend>
          <div id="rating-hint" class="govuk-hint" safe>
            {t(lang, 'rating.hint')}
          </div>
          {error ? (
            <p id="rating-error" class="govuk-error-message">
              <span class="govuk-visually-hidden">{e(lang === 'lv' ? 'Kļūda:' : 'Error:')}</span> {e(error)}
            </p>
          ) : (
            ''
          )}
          <div class="govuk-radios govuk-radios--inline govuk-radios--small" data-module="govuk-radios">
            {[1, 2, 3, 4, 5].map((value) => (
              <div class="govuk-radios__item">
                <input class="govuk-radios__input" id={value === 1 ? 'rating' : `rating-${value}`} name="rating" type="radio" value={String(value)} />
                <label class="govuk-label govuk-radios__label" for={value === 1 ? 'rating' : `rating-${value}`} safe>
                  {t(lang, `rating.${value}` as SupportKey)}
                </label>
              </div>
            ))}
          </div>
        </fieldset>
      </div>
      <TextArea lang={lang} name="comment" label={t(lang, 'rating.comment')} value="" rows={3} />
      <button type="submit" class="govuk-button govuk-button--secondary" data-module="govuk-button" safe>
        {t(lang, 'rating.send')}
      </button>
    </form>
  );
}
