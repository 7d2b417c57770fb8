/**
 * The payments API: the providers' callbacks (authenticated by their
 * signature, not by a token: the provider holds no account here) and an
 * institution's daily payments for its accounting, as CSV (scope
 * `payments.read`: the institution's own system, or its staff).
 */
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { AppError } from '../../platform/errors.js';
import { actorOf, type AuditService } from '../audit/index.js';
import { hasRole, requirePrincipal, requireScope, type Principal } from '../../platform/http/auth.js';
import { problems } from '../../platform/http/openapi.js';
import { isUuid } from '../../platform/db/ids.js';
import type { App } from '../../platform/http/server.js';
import type { DayRows, PaymentsService } from './payments.service.js';

const tags = ['payments'];
export const READ = 'payments.read';
const CALLBACK_BODY_LIMIT = 64 * 1024;

export interface PaymentsRouteDeps {
  payments: PaymentsService;
  audit: AuditService;
}

const DayQuery = Type.Object(
  {
    institution: Type.String({ description: 'the institution’s id', format: 'uuid' }),
    date: Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'the day, in Riga time (YYYY-MM-DD)' }),
  },
  { additionalProperties: false },
);

/** The institution's system, or its staff who handle cases or administer it. */
function mayRead(principal: Principal, institutionId: string): boolean {
  if (principal.kind === 'system') return principal.institutionId === institutionId;
  return ['case_handler', 'institution_admin'].some((role) => hasRole(principal, role, institutionId));
}

const cents = (amount: number): string => (amount / 100).toFixed(2);
const cell = (value: string): string => (/[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);

/** RFC 4180: one row per payment captured and per refund settled that day; refunds are negative. */
export function dayCsv(rows: DayRows): string {
  const header = ['kind', 'at', 'payment', 'provider', 'provider_reference', 'application', 'service', 'fees', 'amount', 'currency', 'payer'];
  const lines = [header.join(',')];
  for (const payment of rows.captured) {
    lines.push([ 'payment', payment.capturedAt ?? '', payment.id, payment.provider, payment.providerPaymentId ?? '', payment.applicationId, payment.serviceId, payment.lines.map((line) => line.code).join(' '), cents(payment.amount), payment.currency, payment.payer ].map(cell).join(','));
  }
  for (const refund of rows.refunds) {
    lines.push(['refund', refund.settledAt ?? '', refund.paymentId, refund.provider, refund.providerPaymentId ?? '', refund.applicationId, refund.serviceId, '', cents(-refund.amount), 'EUR', ''].map(cell).join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}

export function registerPaymentsRoutes(app: App, deps: PaymentsRouteDeps): void {
  // The callback reads its body as it came: the signature is over those bytes, not over a re-serialised object.
  app.register(async (scope: FastifyInstance) => {
    scope.addContentTypeParser('application/json', { parseAs: 'string', bodyLimit: CALLBACK_BODY_LIMIT }, (_request, body, done) => done(null, body));
    scope.post(
      '/api/v1/payments/callbacks/:provider',
      {
        config: { authenticate: false },
        schema: {
          tags,
          summary: 'A payment provider reports on a payment',
          description:
            'Signed by the provider (the development provider: Standard Webhooks headers webhook-id, webhook-timestamp, webhook-signature over the raw body). Repeated, late and reordered callbacks are harmless: a payment’s state only moves forward, and a provider event seen before changes nothing.',
          params: Type.Object({ provider: Type.String({ pattern: '^[a-z0-9-]{1,40}$' }) }),
          response: { 204: Type.Null({ description: 'accepted' }), ...problems(400, 401, 404) },
        },
      },
      async (request, reply) => {
        const { provider } = request.params as { provider: string };
        const rawBody = typeof request.body === 'string' ? request.body : '';
        await deps.payments.handleCallback(provider, { headers: request.headers, rawBody });
        return reply.code(204).send();
      },
    );
  });

  app.get(
    '/api/v1/payments/daily.csv',
    {
      schema: {
        tags,
        summary: 'An institution’s payments and refunds of one day, for its accounting (CSV)',
        description: 'RFC 4180, amounts in euros with two decimals (refunds negative). Scope payments.read: the institution’s own system, or its case handlers and administrators. The read is recorded in the audit trail (the rows name payers).',
        security: [{ bearer: [] }],
        querystring: DayQuery,
        produces: ['text/csv'],
        response: { 200: Type.String({ description: 'text/csv' }), ...problems(400, 401, 403) },
      },
    },
    async (request, reply) => {
      const principal = requireScope(requirePrincipal(request), READ);
      const { institution, date } = request.query;
      if (!isUuid(institution) || Number.isNaN(Date.parse(`${date}T00:00:00Z`))) throw new AppError('payments.invalid', 'invalid', 'Give an institution id and a real date.', [{ pointer: '#/date', in: 'query', detail: 'YYYY-MM-DD' }]);
      if (!mayRead(principal, institution)) throw new AppError('payments.forbidden', 'forbidden', 'Only the institution’s own system or staff read its payments.');
      const rows = await deps.payments.day(institution, date);
      await deps.audit.record({ actor: actorOf(principal), action: 'payments.exported', target: `institution:${institution}`, details: { date, payments: rows.captured.length, refunds: rows.refunds.length } });
      return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="payments-${date}.csv"`).send(dayCsv(rows));
    },
  );
}
