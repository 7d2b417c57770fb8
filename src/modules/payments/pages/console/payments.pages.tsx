/**
 * Payments on an application's console page: every attempt with its state,
 * the refunds made, and — for a case handler of the institution — a form to
 * refund part or all of a successful payment, with a reason the applicant
 * sees. Refunds are recorded in the audit trail.
 */
import { escapeHtml as e } from '@kitajs/html';
import { at, institutionsWithRole, queryValue, seeOther, type ConsoleShell, type PageContext } from '../../../../platform/web/console.js';
import { Csrf, SuccessBanner, TableHead, TextArea, TextInput } from '../../../../platform/web/fields.js';
import { formatDateTime, formatMoney, type Lang } from '../../../../platform/web/i18n.js';
import { AppError } from '../../../../platform/errors.js';
import { auditContext, type AuditService } from '../../../audit/index.js';
import type { Payment, PaymentsService } from '../../payments.service.js';
import { RefundList, StateCell } from '../workspace/payments.pages.js';
import { t } from '../payments.messages.js';

export interface PaymentsConsoleDeps {
  payments: PaymentsService;
  audit: Pick<AuditService, 'record'>;
}

const money = (cents: number, lang: Lang, currency = 'EUR'): string => formatMoney(cents / 100, lang, currency);
const NUMBER = /^\d{4}-\d{6}$/;
const ERRORS = { amount: 'console.errorAmount', reason: 'console.errorReason', refused: 'console.refundRefused' } as const;

const handles = (context: PageContext, institutionId: string): boolean => institutionsWithRole(context.staff, 'case_handler').includes(institutionId);

/** "12,50" or "12.50" in euros as cents; NaN when it is not an amount. */
export function parseCents(text: string): number {
  const raw = text.replace(/\s|€/g, '').replace(',', '.');
  return /^\d{1,7}(\.\d{1,2})?$/.test(raw) ? Math.round(Number(raw) * 100) : Number.NaN;
}

function RefundForm({ context, payment, number }: { context: PageContext; payment: Payment; number: string }): JSX.Element {
  const { lang } = context;
  const left = payment.amount - payment.refunded;
  const failed = queryValue(context.query.refundError);
  const error = (field: 'amount' | 'reason'): string | undefined => (failed === field ? t(lang, ERRORS[field]) : undefined);
  return (
    <form method="post" action={at(lang, `/console/payments/${payment.id}/refund`)} novalidate>
      <Csrf token={context.csrf} />
      <input type="hidden" name="number" value={number} />
      <h3 class="govuk-heading-s" safe>
        {t(lang, 'console.refundTitle')}
      </h3>
      {failed === 'refused' ? (
        <p class="govuk-error-message" safe>
          {t(lang, 'console.refundRefused')}
        </p>
      ) : (
        ''
      )}
      <TextInput lang={lang} name={`amount-${payment.id}`} label={t(lang, 'console.refundAmount')} hint={t(lang, 'console.refundAmountHint', { amount: money(left, lang, payment.currency) })} error={error('amount')} value={(left / 100).toFixed(2)} width="10" inputmode="decimal" />
      <TextArea lang={lang} name={`reason-${payment.id}`} label={t(lang, 'console.refundReason')} hint={t(lang, 'console.refundReasonHint')} error={error('reason')} value="" rows={2} />
      <button type="submit" class="govuk-button govuk-button--warning" data-module="govuk-button">
        {e(t(lang, 'console.refund'))}
        <span class="govuk-visually-hidden" safe>{` ${payment.id}`}</span>
      </button>
    </form>
  );
}

/** The panel on an application's console page. */
export function paymentsCasePanel(deps: PaymentsConsoleDeps): (context: PageContext, application: { id: string; number: string; institutionId: string }) => Promise<string> {
  return async (context, application) => {
    const { lang } = context;
    const payments = await deps.payments.forApplications([application.id]);
    if (payments.length === 0) return '';
    const refunder = handles(context, application.institutionId);
    return (
      <section aria-labelledby="payments-title" id="payments">
        <h2 class="govuk-heading-m" id="payments-title" safe>
          {t(lang, 'console.title')}
        </h2>
        <SuccessBanner lang={lang} text={queryValue(context.query.refunded) === '1' ? t(lang, 'console.refunded') : undefined} />
        <table class="govuk-table">
          <TableHead caption={t(lang, 'console.caption')} headers={[t(lang, 'console.created'), t(lang, 'console.amount'), t(lang, 'console.state'), t(lang, 'console.reference')]} />
          <tbody class="govuk-table__body">
            {payments.map((payment) => (
              <tr class="govuk-table__row">
                <td class="govuk-table__cell" safe>
                  {formatDateTime(payment.createdAt, lang)}
                </td>
                <td class="govuk-table__cell" safe>
                  {money(payment.amount, lang, payment.currency)}
                </td>
                <StateCell lang={lang} payment={payment} />
                <td class="govuk-table__cell govuk-body-s" safe>
                  {`${payment.provider} ${payment.providerPaymentId ?? ''}`}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {payments
          .filter((payment) => payment.refunds.length > 0)
          .map((payment) => (
            <>
              <h3 class="govuk-heading-s" safe>
                {t(lang, 'console.refunds')}
              </h3>
              <RefundList lang={lang} payment={payment} />
            </>
          ))}
        {refunder ? payments.filter((payment) => payment.state === 'success' && payment.refunded < payment.amount).map((payment) => <RefundForm context={context} payment={payment} number={application.number} />) : ''}
      </section>
    ) as string;
  };
}

async function refund(deps: PaymentsConsoleDeps, context: PageContext) {
  const payment = await deps.payments.get(context.params.id ?? '');
  if (!payment || !handles(context, payment.institutionId)) return context.forbidden('staff');
  const number = String(context.body.number ?? '');
  if (!NUMBER.test(number)) return context.forbidden('staff');
  const back = (query: string) => seeOther(context.reply, context.lang, `/console/applications/${number}?${query}#payments`);
  const amount = parseCents(String(context.body[`amount-${payment.id}`] ?? ''));
  const reason = String(context.body[`reason-${payment.id}`] ?? '').trim();
  if (Number.isNaN(amount) || amount <= 0 || amount > payment.amount - payment.refunded) return back('refundError=amount');
  if (!reason || reason.length > 500) return back('refundError=reason');
  const personalCode = context.staff.principal.personalCode ?? context.staff.principal.subject;
  try {
    const made = await deps.payments.refund({ paymentId: payment.id, amount, reason, actor: { kind: 'person', id: personalCode } });
    await deps.audit.record({ ...auditContext(context.request), action: 'payments.refunded', target: `application:${payment.applicationId}`, details: { paymentId: payment.id, refundId: made.id, amount } });
  } catch (error) {
    if (error instanceof AppError && (error.kind === 'conflict' || error.kind === 'invalid')) return back('refundError=refused');
    throw error;
  }
  return back('refunded=1');
}

export function registerPaymentsConsolePages(shell: ConsoleShell, deps: PaymentsConsoleDeps): void {
  shell.route({ method: 'POST', path: '/console/payments/:id/refund', need: 'staff', handler: (context) => refund(deps, context) });
}
