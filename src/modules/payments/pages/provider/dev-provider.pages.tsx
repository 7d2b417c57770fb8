/**
 * The development provider's hosted page (DEMO only): what a bank's card page
 * does, on the platform's own server so a demo needs nothing outside it. The
 * card form, the outcomes of the test cards (success, decline, a 3-D Secure
 * step that waits for the payer's confirmation), cancelling — and each step
 * reported to the platform by a signed callback, as a real provider would.
 * Works without JavaScript, in Latvian and English.
 */
import { escapeHtml as e } from '@kitajs/html';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { csrfToken, verifyCsrf } from '../../../../platform/http/csrf.js';
import type { App } from '../../../../platform/http/server.js';
import { renderNotFoundPage } from '../../../../platform/web/assets.js';
import { Csrf, ErrorSummary, SummaryList, TextInput } from '../../../../platform/web/fields.js';
import { formBody, value } from '../../../../platform/web/form.js';
import { formatMoney, LANGS, otherLang, pathInLang, type Lang } from '../../../../platform/web/i18n.js';
import { renderPage } from '../../../../platform/web/layout.js';
import { pageTitle, sendHtml, type ShownError } from '../../../../platform/web/page.js';
import { cardOutcome, devPagePath, type DevProvider } from '../../dev-provider.js';
import type { DevTransactionRow } from '../../payments.repo.js';
import { isFinal } from '../../payments.states.js';
import { t } from '../payments.messages.js';

const hide = { schema: { hide: true } };
const money = (row: DevTransactionRow, lang: Lang): string => formatMoney(row.amount / 100, lang, row.currency);

interface CardForm {
  card: string;
  expiry: string;
  cvc: string;
  holder: string;
}

function Summary({ lang, row }: { lang: Lang; row: DevTransactionRow }): JSX.Element {
  const rows: [string, string][] = [
    [t(lang, 'dev.merchant'), t(lang, 'dev.merchantName')],
    [t(lang, 'dev.purpose'), row.description],
    [t(lang, 'dev.amount'), money(row, lang)],
    [t(lang, 'dev.reference'), row.reference],
  ];
  return (
    <SummaryList rows={rows.map(([key, text]): [string, JSX.Element] => [key, e(text)])} />
  );
}

async function page(_request: FastifyRequest, lang: Lang, row: DevTransactionRow, title: string, errors: ShownError[], body: JSX.Element): Promise<string> {
  return renderPage({
    lang,
    title: pageTitle(lang, title, errors),
    alternateUrl: pathInLang(devPagePath(row.id), otherLang(lang)),
    children: (
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          {errors.length > 0 ? <ErrorSummary lang={lang} errors={errors} /> : ''}
          <span class="govuk-caption-l" safe>
            {t(lang, 'dev.caption')}
          </span>
          <h1 class="govuk-heading-l" safe>
            {title}
          </h1>
          <p class="govuk-body" safe>
            {t(lang, 'dev.lead')}
          </p>
          <Summary lang={lang} row={row} />
          {body}
        </div>
      </div>
    ),
  });
}

function cardPage(request: FastifyRequest, lang: Lang, row: DevTransactionRow, form: CardForm, errors: ShownError[]): Promise<string> {
  const error = (id: string): string | undefined => errors.find((candidate) => candidate.id === id)?.text;
  const action = pathInLang(devPagePath(row.id), lang);
  return page(
    request,
    lang,
    row,
    t(lang, 'dev.title'),
    errors,
    <>
      <form method="post" action={action} novalidate>
        <Csrf token={csrfToken(request)} />
        <TextInput lang={lang} name="card" label={t(lang, 'dev.card')} hint={t(lang, 'dev.cardHint')} error={error('card')} value={form.card} width="20" autocomplete="cc-number" inputmode="numeric" spellcheck={false} />
        <TextInput lang={lang} name="expiry" label={t(lang, 'dev.expiry')} error={error('expiry')} value={form.expiry} width="5" autocomplete="cc-exp" spellcheck={false} />
        <TextInput lang={lang} name="cvc" label={t(lang, 'dev.cvc')} error={error('cvc')} value={form.cvc} width="4" autocomplete="cc-csc" inputmode="numeric" spellcheck={false} />
        <TextInput lang={lang} name="holder" label={t(lang, 'dev.holder')} value={form.holder} autocomplete="cc-name" spellcheck={false} />
        <div class="govuk-button-group">
          <button type="submit" name="action" value="pay" class="govuk-button" data-module="govuk-button" safe>
            {t(lang, 'dev.pay', { amount: money(row, lang) })}
          </button>
          <button type="submit" name="action" value="cancel" class="govuk-button govuk-button--secondary" data-module="govuk-button" safe>
            {t(lang, 'dev.cancel')}
          </button>
        </div>
      </form>
    </>,
  );
}

function threeDsPage(request: FastifyRequest, lang: Lang, row: DevTransactionRow): Promise<string> {
  return page(
    request,
    lang,
    row,
    t(lang, 'dev.threeDsTitle'),
    [],
    <form method="post" action={pathInLang(`${devPagePath(row.id)}/3ds`, lang)} novalidate>
      <Csrf token={csrfToken(request)} />
      <p class="govuk-body govuk-!-font-weight-bold" safe>
        {t(lang, 'dev.threeDsLead', { amount: money(row, lang) })}
      </p>
      <div class="govuk-button-group">
        <button type="submit" name="action" value="confirm" class="govuk-button" data-module="govuk-button" safe>
          {t(lang, 'dev.threeDsConfirm')}
        </button>
        <button type="submit" name="action" value="reject" class="govuk-button govuk-button--warning" data-module="govuk-button" safe>
          {t(lang, 'dev.threeDsReject')}
        </button>
      </div>
    </form>,
  );
}

function closedPage(request: FastifyRequest, lang: Lang, row: DevTransactionRow): Promise<string> {
  return page(
    request,
    lang,
    row,
    t(lang, 'dev.closedTitle'),
    [],
    <>
      <p class="govuk-body" safe>
        {t(lang, 'dev.closed', { state: t(lang, `state.${row.state}`) })}
      </p>
      <p class="govuk-body">
        <a class="govuk-link" href={row.return_url}>
          {e(t(lang, 'dev.back'))}
        </a>
      </p>
    </>,
  );
}

function checkCard(lang: Lang, form: CardForm): ShownError[] {
  const errors: ShownError[] = [];
  if (cardOutcome(form.card) === 'invalid') errors.push({ id: 'card', text: t(lang, 'dev.errorCard') });
  if (!/^(0[1-9]|1[0-2])\s*\/\s*\d{2}$/.test(form.expiry)) errors.push({ id: 'expiry', text: t(lang, 'dev.errorExpiry') });
  if (!/^\d{3,4}$/.test(form.cvc)) errors.push({ id: 'cvc', text: t(lang, 'dev.errorCvc') });
  return errors;
}

export function registerDevProviderPages(app: App, provider: DevProvider): void {
  const transaction = async (request: FastifyRequest): Promise<DevTransactionRow | undefined> => {
    const { id } = request.params as { id: string };
    return /^[0-9a-f-]{36}$/.test(id) ? provider.transaction(id) : undefined;
  };
  const back = (reply: FastifyReply, row: DevTransactionRow): FastifyReply => reply.redirect(row.return_url, 303);

  for (const lang of LANGS) {
    app.get(pathInLang('/dev-pay/:id', lang), hide, async (request, reply) => {
      let row = await transaction(request);
      if (!row) return renderNotFoundPage(request, reply);
      // Opening the page is the provider's "started".
      if (row.state === 'created') row = (await provider.step(row.id, 'started')) ?? row;
      if (isFinal(row.state)) return sendHtml(reply, lang, 200, await closedPage(request, lang, row));
      if (row.state === 'submitted') return sendHtml(reply, lang, 200, await threeDsPage(request, lang, row));
      return sendHtml(reply, lang, 200, await cardPage(request, lang, row, { card: '', expiry: '', cvc: '', holder: '' }, []));
    });

    app.post(pathInLang('/dev-pay/:id', lang), { ...hide, preHandler: verifyCsrf }, async (request, reply) => {
      const row = await transaction(request);
      if (!row) return renderNotFoundPage(request, reply);
      if (row.state !== 'created' && row.state !== 'started') return sendHtml(reply, lang, 409, await closedPage(request, lang, row));
      const body = formBody(request.body);
      if (value(body, 'action') === 'cancel') {
        await provider.step(row.id, 'cancelled');
        return back(reply, row);
      }
      const form: CardForm = { card: value(body, 'card'), expiry: value(body, 'expiry'), cvc: value(body, 'cvc'), holder: value(body, 'holder') };
      const errors = checkCard(lang, form);
      if (errors.length > 0) return sendHtml(reply, lang, 400, await cardPage(request, lang, row, form, errors));
      const outcome = cardOutcome(form.card);
      await provider.step(row.id, 'submitted');
      if (outcome === 'three_d_secure') return reply.redirect(pathInLang(devPagePath(row.id), lang), 303);
      if (outcome === 'declined') await provider.step(row.id, 'failed', 'card declined');
      else await provider.step(row.id, 'success');
      return back(reply, row);
    });

    app.post(pathInLang('/dev-pay/:id/3ds', lang), { ...hide, preHandler: verifyCsrf }, async (request, reply) => {
      const row = await transaction(request);
      if (!row) return renderNotFoundPage(request, reply);
      if (row.state !== 'submitted') return sendHtml(reply, lang, 409, await closedPage(request, lang, row));
      const confirmed = value(formBody(request.body), 'action') === 'confirm';
      await provider.step(row.id, confirmed ? 'success' : 'failed', confirmed ? undefined : '3-D Secure rejected');
      return back(reply, row);
    });
  }
}
