/**
 * Receipts in the workspace (P2): the payments of the party the person acts
 * for — each fee, when it was paid, through which provider, and any refund —
 * and a panel on an application's page saying how its fee stands. Another
 * person's payments are read only by someone acting for them, and that read
 * is recorded in the audit trail (it shows in the party's data-access log).
 */
import { escapeHtml as e } from '@kitajs/html';
import { formatDateTime, formatMoney, otherLang, type Lang } from '../../../../platform/web/i18n.js';
import { TableHead } from '../../../../platform/web/fields.js';
import { renderPage } from '../../../../platform/web/layout.js';
import { ActingBanner, workspaceCrumbs } from '../../../../platform/web/workspace.components.js';
import { at, type PageContext, type WorkspaceShell } from '../../../../platform/web/workspace.js';
import { auditContext, type AuditService } from '../../../audit/index.js';
import type { Payment, PaymentsService } from '../../payments.service.js';
import { paymentNotFound } from '../../payments.errors.js';
import { t } from '../payments.messages.js';

const LIST = '/workspace/payments';
export const receiptPath = (id: string): string => `${LIST}/${id}`;

export interface PaymentsPagesDeps {
  payments: PaymentsService;
  audit: Pick<AuditService, 'record'>;
}

const money = (cents: number, lang: Lang, currency = 'EUR'): string => formatMoney(cents / 100, lang, currency);
const TAG: Record<Payment['state'], string> = { created: 'govuk-tag--grey', started: 'govuk-tag--grey', submitted: 'govuk-tag--yellow', success: 'govuk-tag--green', failed: 'govuk-tag--red', cancelled: 'govuk-tag--grey', error: 'govuk-tag--red' };

export function StateTag({ lang, state }: { lang: Lang; state: Payment['state'] }): JSX.Element {
  return (
    <strong class={`govuk-tag ${TAG[state]}`} safe>
      {t(lang, `state.${state}`)}
    </strong>
  );
}

/** A payment's state in a table, with what was refunded of it. */
export function StateCell({ lang, payment }: { lang: Lang; payment: Pick<Payment, 'state' | 'refunded' | 'currency'> }): JSX.Element {
  return (
    <td class="govuk-table__cell">
      <StateTag lang={lang} state={payment.state} />
      {payment.refunded > 0 ? (
        <span class="govuk-body-s govuk-!-display-block" safe>
          {t(lang, 'panel.refunded', { amount: money(payment.refunded, lang, payment.currency) })}
        </span>
      ) : (
        ''
      )}
    </td>
  );
}

/** A read of someone else's payments, by a person acting for them, goes in the audit trail. */
async function recordRead(deps: PaymentsPagesDeps, context: PageContext, target: string): Promise<void> {
  if (context.acting.current.basis === 'self') return;
  await deps.audit.record({ ...auditContext(context.request), onBehalfOf: context.acting.current.party, action: 'payments.read', target, details: { via: 'workspace' } });
}

async function listPage(deps: PaymentsPagesDeps, context: PageContext): Promise<string> {
  const { lang, acting } = context;
  const party = acting.current.party;
  const payments = (await deps.payments.ofPayer(party)).filter((payment) => payment.state === 'success');
  await recordRead(deps, context, `payments:${party}`);
  const title = t(lang, 'receipts.title');
  return renderPage({
    lang,
    title,
    alternateUrl: at(otherLang(lang), LIST),
    section: 'workspace',
    breadcrumbs: workspaceCrumbs(lang),
    children: (
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-full">
          <ActingBanner lang={lang} acting={acting} />
          <h1 class="govuk-heading-l" safe>
            {title}
          </h1>
          <p class="govuk-body" safe>
            {t(lang, 'receipts.lead')}
          </p>
          {payments.length === 0 ? (
            <p class="govuk-body" safe>
              {t(lang, 'receipts.none')}
            </p>
          ) : (
            <table class="govuk-table">
              <TableHead caption={t(lang, 'receipts.caption')} headers={[t(lang, 'receipts.date'), t(lang, 'receipts.service'), t(lang, 'receipts.amount'), t(lang, 'receipts.state'), t(lang, 'receipts.open')]} />
              <tbody class="govuk-table__body">
                {payments.map((payment) => {
                  const date = formatDateTime(payment.capturedAt ?? payment.createdAt, lang);
                  return (
                    <tr class="govuk-table__row">
                      <td class="govuk-table__cell" safe>
                        {date}
                      </td>
                      <td class="govuk-table__cell" safe>
                        {payment.serviceTitle[lang]}
                      </td>
                      <td class="govuk-table__cell" safe>
                        {money(payment.amount, lang, payment.currency)}
                      </td>
                      <StateCell lang={lang} payment={payment} />
                      <td class="govuk-table__cell">
                        <a class="govuk-link" href={at(lang, receiptPath(payment.id))}>
                          {e(t(lang, 'receipts.open'))}
                          <span class="govuk-visually-hidden" safe>
                            {t(lang, 'receipts.openHidden', { service: payment.serviceTitle[lang], date })}
                          </span>
                        </a>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          )}
        </div>
      </div>
    ),
  });
}

function Row({ name, children }: { name: string; children: JSX.Element | string }): JSX.Element {
  return (
    <div class="govuk-summary-list__row">
      <dt class="govuk-summary-list__key" safe>
        {name}
      </dt>
      <dd class="govuk-summary-list__value">{children}</dd>
    </div>
  );
}

/** The refunds of a payment, each with its amount, reason and date. */
export function RefundList({ lang, payment }: { lang: Lang; payment: Payment }): JSX.Element {
  const settled = payment.refunds.filter((refund) => refund.state === 'success');
  if (settled.length === 0) return <></>;
  return (
    <ul class="govuk-list">
      {settled.map((refund) => (
        <li safe>{t(lang, 'receipt.refundLine', { amount: money(refund.amount, lang, payment.currency), reason: refund.reason, date: formatDateTime(refund.settledAt ?? refund.createdAt, lang) })}</li>
      ))}
    </ul>
  );
}

async function receiptPage(deps: PaymentsPagesDeps, context: PageContext): Promise<string> {
  const { lang, acting } = context;
  const payment = await deps.payments.get(context.params.id ?? '');
  // Another party's payment is one that does not exist.
  if (!payment || payment.payer !== acting.current.party || payment.state !== 'success') throw paymentNotFound();
  await recordRead(deps, context, `payments:${payment.payer}`);
  const title = t(lang, 'receipt.title');
  const escaped = (text: string): string => e(text);
  return renderPage({
    lang,
    title,
    alternateUrl: at(otherLang(lang), receiptPath(payment.id)),
    section: 'workspace',
    breadcrumbs: workspaceCrumbs(lang, { href: at(lang, LIST), text: t(lang, 'receipts.title') }),
    children: (
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <ActingBanner lang={lang} acting={acting} />
          <span class="govuk-caption-l" safe>
            {payment.serviceTitle[lang]}
          </span>
          <h1 class="govuk-heading-l" safe>
            {title}
          </h1>
          <dl class="govuk-summary-list">
            <Row name={t(lang, 'receipt.number')}>{escaped(payment.id)}</Row>
            <Row name={t(lang, 'receipt.paidAt')}>{escaped(formatDateTime(payment.capturedAt ?? payment.stateAt, lang))}</Row>
            <Row name={t(lang, 'receipt.payer')}>{escaped(acting.current.text)}</Row>
            <Row name={t(lang, 'receipt.fees')}>
              <ul class="govuk-list">
                {payment.lines.map((line) => (
                  <li safe>{`${line.description[lang]}: ${money(line.amount, lang, payment.currency)}`}</li>
                ))}
              </ul>
            </Row>
            <Row name={t(lang, 'receipt.total')}>{escaped(money(payment.amount, lang, payment.currency))}</Row>
            <Row name={t(lang, 'receipt.provider')}>{escaped(payment.provider)}</Row>
            <Row name={t(lang, 'receipt.providerReference')}>{escaped(payment.providerPaymentId ?? '')}</Row>
            {payment.refunded > 0 ? (
              <Row name={t(lang, 'receipt.refunds')}>
                <RefundList lang={lang} payment={payment} />
              </Row>
            ) : (
              ''
            )}
          </dl>
        </div>
      </div>
    ),
  });
}

/** The panel on an application's page in the workspace: its fee, paid or not, and the receipt. */
export function paymentPanel(payments: PaymentsService): (context: PageContext, application: { id: string }) => Promise<string> {
  return async (context, application) => {
    const { lang } = context;
    const paid = (await payments.forApplications([application.id])).filter((payment) => payment.state === 'success');
    if (paid.length === 0) return '';
    return (
      <section aria-labelledby="payment-title" id="payment">
        <h2 class="govuk-heading-m" id="payment-title" safe>
          {t(lang, 'panel.title')}
        </h2>
        {paid.map((payment) => (
          <>
            <p class="govuk-body">
              <StateTag lang={lang} state={payment.state} /> {e(`${money(payment.amount, lang, payment.currency)}, ${formatDateTime(payment.capturedAt ?? payment.stateAt, lang)}`)}
            </p>
            {payment.refunded > 0 ? (
              <>
                <p class="govuk-body" safe>
                  {t(lang, 'panel.refunded', { amount: money(payment.refunded, lang, payment.currency) })}
                </p>
                <RefundList lang={lang} payment={payment} />
              </>
            ) : (
              ''
            )}
            <p class="govuk-body">
              <a class="govuk-link" href={at(lang, receiptPath(payment.id))} safe>
                {t(lang, 'panel.receipt')}
              </a>
            </p>
          </>
        ))}
      </section>
    ) as string;
  };
}

export function registerPaymentsWorkspacePages(shell: WorkspaceShell, deps: PaymentsPagesDeps): void {
  shell.route({ method: 'GET', path: LIST, handler: (context) => listPage(deps, context) });
  shell.route({ method: 'GET', path: `${LIST}/:id`, handler: (context) => receiptPage(deps, context) });
  shell.tile(async (context) => {
    const paid = (await deps.payments.ofPayer(context.acting.current.party)).some((payment) => payment.state === 'success');
    return paid ? { href: at(context.lang, LIST), title: t(context.lang, 'tile.title'), text: t(context.lang, 'tile.text') } : undefined;
  });
}
