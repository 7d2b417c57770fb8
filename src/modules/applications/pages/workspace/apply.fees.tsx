/**
 * Fees in the e-form (P2): what is due for the answers given — from the
 * register, by the service's fees and the answers they depend on — shown on
 * the check page before submission; paying, which holds the answers and sends
 * the person to the payment provider; and the return from the provider,
 * which submits the application once its payment succeeded or brings the
 * person back to pay again. The draft waits, awaiting payment, until then.
 */
import type { FastifyReply } from 'fastify';
import { AppError } from '../../../../platform/errors.js';
import { createTranslator, formatMoney, type Lang, type MessageTable } from '../../../../platform/web/i18n.js';
import { textOf } from '../../../../platform/web/form-values.js';
import { seeOther, at, type PageContext } from '../../../../platform/web/workspace.js';
import { feesDue, type Cost } from '../../../catalog/index.js';
import { applyPath, stepPath, type ApplyDeps, type Applying } from './apply.context.js';
import { allShownSlots, CHECK, draftFiles, formData } from './apply.form.js';
import { WarningText } from '../../../../platform/web/fields.js';

const lv = {
  'fees.title': 'Maksa',
  'fees.lead': 'Par pakalpojumu, ņemot vērā jūsu atbildes, jāmaksā:',
  'fees.total': 'Kopā',
  'fees.pay': 'Maksāt {amount} un iesniegt',
  'fees.payText': 'Pieteikums tiks iesniegts, tiklīdz maksājums būs veikts. Jūs pāradresēs uz maksājumu pakalpojumu.',
  'fees.awaiting': 'Gaida samaksu',
  'notice.cancelled': 'Maksājums tika atcelts. Pieteikums nav iesniegts un gaida samaksu – varat maksāt vēlreiz.',
  'notice.failed': 'Maksājums neizdevās. Pieteikums nav iesniegts un gaida samaksu – varat maksāt vēlreiz.',
  'notice.error': 'Maksājumu pakalpojums nav pieejams. Pieteikums nav iesniegts; mēģiniet vēlreiz vēlāk.',
  'notice.pending': 'Maksājums vēl tiek apstrādāts. Pieteikums tiks iesniegts, tiklīdz banka to apstiprinās.',
} as const;
type Key = keyof typeof lv;
const en: Record<Key, string> = {
  'fees.title': 'Fee',
  'fees.lead': 'For the answers you gave, the service costs:',
  'fees.total': 'Total',
  'fees.pay': 'Pay {amount} and submit',
  'fees.payText': 'The application is submitted as soon as the payment is made. You will be taken to the payment service.',
  'fees.awaiting': 'Awaiting payment',
  'notice.cancelled': 'The payment was cancelled. The application has not been submitted and is awaiting payment – you can pay again.',
  'notice.failed': 'The payment did not go through. The application has not been submitted and is awaiting payment – you can pay again.',
  'notice.error': 'The payment service is not available. The application has not been submitted; please try again later.',
  'notice.pending': 'The payment is still being processed. The application will be submitted as soon as the bank confirms it.',
};
export const tf = createTranslator({ lv, en } as MessageTable<Key>);

const NOTICES = { cancelled: 'notice.cancelled', failed: 'notice.failed', error: 'notice.error', pending: 'notice.pending' } as const;

/** The fees due for the draft's answers, when the platform takes fees online. */
export function feesOf(deps: ApplyDeps, state: Applying): Cost[] {
  return deps.payments ? feesDue(state.service.costs, formData(state.data)) : [];
}

const euros = (fees: readonly Cost[], lang: Lang): string => formatMoney(fees.reduce((sum, fee) => sum + Math.round(fee.value * 100), 0) / 100, lang, fees[0]?.currency ?? 'EUR');

export const payLabel = (lang: Lang, fees: readonly Cost[]): string => tf(lang, 'fees.pay', { amount: euros(fees, lang) });

/** What a returning payer is told (`?payment=` on the check page). */
export function PaymentNotice({ lang, context }: { lang: Lang; context: PageContext }): JSX.Element {
  const kind = textOf(context.query.payment) as keyof typeof NOTICES;
  if (!Object.hasOwn(NOTICES, kind)) return <></>;
  return (
    <WarningText id="payment-notice" text={tf(lang, NOTICES[kind])} />
  );
}

/** The fees due, shown before submission. */
export function FeesDue({ lang, fees }: { lang: Lang; fees: readonly Cost[] }): JSX.Element {
  if (fees.length === 0) return <></>;
  return (
    <>
      <h2 class="govuk-heading-m" id="fees" safe>
        {tf(lang, 'fees.title')}
      </h2>
      <p class="govuk-body" safe>
        {tf(lang, 'fees.lead')}
      </p>
      <dl class="govuk-summary-list govuk-!-margin-bottom-6">
        {fees.map((fee) => (
          <div class="govuk-summary-list__row">
            <dt class="govuk-summary-list__key" safe>
              {fee.description[lang]}
            </dt>
            <dd class="govuk-summary-list__value" safe>
              {formatMoney(fee.value, lang, fee.currency)}
            </dd>
          </div>
        ))}
        <div class="govuk-summary-list__row">
          <dt class="govuk-summary-list__key" safe>
            {tf(lang, 'fees.total')}
          </dt>
          <dd class="govuk-summary-list__value govuk-!-font-weight-bold" safe>
            {euros(fees, lang)}
          </dd>
        </div>
      </dl>
      <p class="govuk-body" safe>
        {tf(lang, 'fees.payText')}
      </p>
    </>
  );
}

const submittedPage = (context: PageContext, number: string): FastifyReply => seeOther(context.reply, context.lang, `/workspace/applications/${number}/submitted`);
const backToCheck = (context: PageContext, state: Applying, notice: keyof typeof NOTICES): FastifyReply => seeOther(context.reply, context.lang, `${stepPath(state.service.slug, CHECK)}?payment=${notice}`);

/**
 * Paying for the application: the answers are held, and the person goes to
 * the provider (or, when this very application was paid already, it is
 * submitted). Undefined when no fee is due: the application is submitted as
 * any other. The answer comes wrapped: a Fastify reply is a thenable, which
 * an async function adopts (it resolves, once sent, to nothing), so a bare
 * reply could not tell "handled" from "no fee".
 */
export async function payAndSubmit(deps: ApplyDeps, context: PageContext, state: Applying): Promise<{ reply: FastifyReply } | undefined> {
  if (!deps.payments || feesOf(deps, state).length === 0) return undefined;
  return { reply: await paying(deps, deps.payments, context, state) };
}

async function paying(deps: ApplyDeps, payments: NonNullable<ApplyDeps['payments']>, context: PageContext, state: Applying): Promise<FastifyReply> {
  const { lang, principal, reply } = context;
  const shown = new Set(allShownSlots(state.form, state.data).map((slot) => slot.name));
  const held = await deps.applications.holdForPayment(principal, state.right, state.service.id, { data: formData(state.data), files: draftFiles(state.data).filter((file) => shown.has(file.slot)) });
  try {
    const payment = await payments.start({
      applicationId: held.applicationId,
      serviceId: state.service.id,
      institutionId: state.service.institutionId,
      serviceTitle: state.service.title,
      payer: state.right.party,
      paidBy: principal.personalCode ?? principal.subject,
      lines: held.fees,
      currency: held.currency,
      returnPath: at(lang, applyPath(state.service.slug, '/paid')),
      language: lang,
    });
    if (payment.state === 'success') return await paid(deps, context, held.applicationId, payment);
    if (!payment.nextUrl || payment.state === 'error') return backToCheck(context, state, 'error');
    return reply.redirect(payment.nextUrl, 303);
  } catch (error) {
    if (error instanceof AppError && error.code === 'payments.already-paid') {
      const [done] = (await payments.forApplications([held.applicationId])).filter((payment) => payment.state === 'success');
      if (done) return paid(deps, context, held.applicationId, done);
    }
    if (error instanceof AppError && error.kind === 'unavailable') return backToCheck(context, state, 'error');
    throw error;
  }
}

async function paid(deps: ApplyDeps, context: PageContext, applicationId: string, payment: { id: string; amount: number; currency: string }): Promise<FastifyReply> {
  const receipt = await deps.applications.submitPaid(applicationId, { id: payment.id, amount: payment.amount, currency: payment.currency });
  if (!receipt) throw new AppError('applications.not-held', 'not_found', 'Nothing waits for this payment.');
  return submittedPage(context, receipt.number);
}

/** The payer is back from the provider: the provider is asked how the payment stands, and the application follows. */
export async function paymentReturn(deps: ApplyDeps, context: PageContext, state: Applying): Promise<FastifyReply> {
  if (!deps.payments) return backToCheck(context, state, 'error');
  const id = textOf(context.query.payment);
  const payment = await deps.payments.refresh(id).catch((error: unknown) => {
    if (error instanceof AppError && error.kind === 'not_found') return undefined;
    throw error;
  });
  const held = payment ? await deps.applications.heldApplication(context.principal, state.right, payment.applicationId) : undefined;
  if (!payment || !held) return seeOther(context.reply, context.lang, stepPath(state.service.slug, CHECK));
  if (payment.state === 'success') return paid(deps, context, held.applicationId, payment);
  if (payment.state === 'cancelled' || payment.state === 'failed' || payment.state === 'error') return backToCheck(context, state, payment.state);
  return backToCheck(context, state, 'pending');
}

/** The tag of a draft that waits for its fee, in the list of drafts. */
export function AwaitingPaymentTag({ lang }: { lang: Lang }): JSX.Element {
  return (
    <strong class="govuk-tag govuk-tag--yellow govuk-!-margin-left-2" safe>
      {tf(lang, 'fees.awaiting')}
    </strong>
  );
}
