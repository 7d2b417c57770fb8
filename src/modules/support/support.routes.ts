/**
 * The support API (P13): the subjects, the public statistics per institution
 * and month (JSON and CSV, small counts suppressed), and a person's own
 * questions — or those of the party in On-Behalf-Of (checked by the platform
 * before any route runs): list, ask, read one thread, answer, close; and the
 * queue for an institution's own help desk (its system) or a support agent:
 * list and search, read, reply, close. Scopes `support.read` and
 * `support.write`. A question that is not the caller's is
 * one that does not exist (404). Every error is problem+json.
 */
import { Type } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import { AppError } from '../../platform/errors.js';
import { onBehalfOf, requirePrincipal, requireScope, requireSignIn, type Principal } from '../../platform/http/auth.js';
import { schemaRef } from '../../platform/http/openapi.js';
import type { App } from '../../platform/http/server.js';
import { parseParty } from '../access/index.js';
import { AskInput, ClockSchema, FileParams, MessageInput, MonthQuery, NumberParams, StatisticsSchema, SubjectSchema, ThreadSchema, TicketSchema } from './support.schemas.js';
import { decodeFiles, JSON_UPLOAD_LIMIT } from '../applications/index.js';
import { sendDownload } from './files.download.js';
import type { Agent, SupportService, Ticket, TicketWithThread } from './support.service.js';
import { statisticsCsv } from './statistics.service.js';

const tags = ['support'];
const security = [{ bearer: [] }];
const problems = (...codes: number[]): Record<number, unknown> => Object.fromEntries(codes.map((code) => [code, Type.Ref('Problem')]));
const READ = 'support.read';
const WRITE = 'support.write';

export interface SupportRouteDeps {
  support: SupportService;
  /** institutions' codes, for the CSV */
  catalog: { listInstitutions(): Promise<{ id: string; code: string }[]> };
  now?: () => Date;
}

/** The signed-in person and the party they ask for (themselves, or On-Behalf-Of). */
function asker(request: FastifyRequest, scope: string): { principal: Principal; self: string; party: string; partyKind: 'person' | 'company' } {
  const principal = requireScope(requirePrincipal(request), scope);
  if (principal.kind !== 'person' || !principal.personalCode) throw new AppError('support.persons-only', 'forbidden', 'Only a person has questions to customer support.');
  const named = onBehalfOf(request);
  const party = named ? parseParty(named) : undefined;
  if (named && !party) throw new AppError('support.invalid', 'invalid', 'On-Behalf-Of is neither a personal code nor a registration number.', [{ pointer: '#/on-behalf-of', in: 'headers', detail: 'not a party' }]);
  return { principal, self: principal.personalCode, party: party?.id ?? principal.personalCode, partyKind: party?.kind ?? 'person' };
}

const ticketOut = (ticket: Ticket) => ({ ...ticket });
const threadOut = (ticket: TicketWithThread) => ({
  ...ticket,
  entries: ticket.entries.map((entry) => ({ kind: entry.kind, authorKind: entry.authorKind, body: entry.body, toQueue: entry.toQueue, at: entry.at, files: entry.files })),
});
/** JSON bodies may carry files in base64. */
const withFiles = { bodyLimit: JSON_UPLOAD_LIMIT };

/**
 * An institution's help desk working the platform's queue: its system (client
 * credentials, the client's institution) or a person with the support-agent
 * role (of institutions, or platform-wide for the first line).
 */
function deskAgent(request: FastifyRequest, scope: string): Agent {
  const principal = requireScope(requirePrincipal(request), scope);
  if (principal.kind === 'system' && principal.institutionId) return { personalCode: principal.subject, institutions: [principal.institutionId], firstLine: false };
  const institutions = [...new Set(principal.roles.filter((grant) => grant.role === 'support_agent' && grant.institutionId).map((grant) => grant.institutionId as string))];
  const firstLine = principal.roles.some((grant) => grant.role === 'support_agent' && !grant.institutionId);
  if (principal.kind !== 'person' || !principal.personalCode || (institutions.length === 0 && !firstLine)) {
    throw new AppError('support.not-an-agent', 'forbidden', 'Only an institution’s system or a support agent works the support queue.');
  }
  return { personalCode: principal.personalCode, institutions, firstLine };
}

const QueueQuery = Type.Object(
  {
    filter: Type.Optional(Type.Union([Type.Literal('all'), Type.Literal('mine'), Type.Literal('unassigned'), Type.Literal('overdue')], { description: 'default all (open tickets)' })),
    q: Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: 'search by number, application, personal code, a visitor’s name or e-mail (closed tickets too)' })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 100, description: 'tickets per page' })),
    offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000, default: 0, description: 'tickets to skip (overdue first, then the oldest)' })),
  },
  { additionalProperties: false },
);

export function registerSupportRoutes(app: App, deps: SupportRouteDeps): void {
  const { support } = deps;
  const now = deps.now ?? (() => new Date());
  for (const schema of [SubjectSchema, ClockSchema, TicketSchema, ThreadSchema, AskInput, MessageInput, StatisticsSchema]) app.addSchema(schema);
  const thisMonth = (): string => now().toISOString().slice(0, 7);

  app.get(
    '/api/v1/support/subjects',
    { schema: { tags, summary: 'The subjects a question may have', response: { 200: Type.Array(Type.Ref('SupportSubject')) } } },
    async () => support.subjects(),
  );

  app.get(
    '/api/v1/support/statistics',
    {
      schema: {
        tags,
        summary: 'Customer support statistics per institution for a month (open data)',
        description: 'Requests by channel and subject, median first-reply and resolution times (hours), the share within the institution’s targets and the overdue tickets. Counts from 1 to 4 and figures from fewer than 5 tickets are null (suppressed). `institutionId` null is first-line platform support.',
        querystring: MonthQuery,
        response: { 200: Type.Ref('SupportStatistics'), ...problems(400) },
      },
    },
    async (request) => support.statistics(request.query.month ?? thisMonth()),
  );

  app.get(
    '/api/v1/support/statistics.csv',
    {
      schema: {
        tags,
        summary: 'The same statistics as CSV',
        description: 'RFC 4180, one row per institution (`institution` is its code; `platform` is first-line support); a suppressed figure is an empty cell.',
        querystring: MonthQuery,
        produces: ['text/csv'],
        response: { 200: Type.String({ description: 'text/csv' }), ...problems(400) },
      },
    },
    async (request, reply) => {
      const [subjects, statistics, institutions] = await Promise.all([support.subjects(), support.statistics(request.query.month ?? thisMonth()), deps.catalog.listInstitutions()]);
      const codes = new Map(institutions.map((institution) => [institution.id, institution.code]));
      const csv = statisticsCsv(
        statistics,
        subjects.map((subject) => subject.code),
        (id) => (id ? (codes.get(id) ?? id) : 'platform'),
      );
      return reply.type('text/csv; charset=utf-8').header('content-disposition', `inline; filename="support-${statistics.month}.csv"`).send(csv);
    },
  );

  const guard = { onRequest: requireSignIn };

  app.get(
    '/api/v1/support/tickets',
    { ...guard, schema: { tags, security, summary: 'Your questions (or the party’s in On-Behalf-Of), newest first', response: { 200: Type.Array(Type.Ref('SupportTicket')), ...problems(401, 403) } } },
    async (request) => (await support.ticketsOf(asker(request, READ).party)).map(ticketOut),
  );

  app.post(
    '/api/v1/support/tickets',
    {
      ...guard,
      ...withFiles,
      schema: {
        tags,
        security,
        summary: 'Ask customer support',
        description: 'About a service or an application: the question goes to that institution’s queue; otherwise to first-line platform support.',
        body: schemaRef(AskInput),
        response: { 201: Type.Ref('SupportTicket'), ...problems(400, 401, 403) },
      },
    },
    async (request, reply) => {
      const who = asker(request, WRITE);
      const body = request.body;
      const ticket = await support.ask({
        askedBy: who.self,
        principal: who.principal,
        requester: who.party,
        requesterKind: who.partyKind,
        subject: body.subject,
        message: body.message,
        about: { serviceId: body.serviceId, application: body.application },
        channel: 'api',
        language: 'lv',
        files: decodeFiles(body.files, '#/files'),
      });
      return reply.code(201).send(ticketOut(ticket));
    },
  );

  app.get(
    '/api/v1/support/tickets/:number',
    { ...guard, schema: { tags, security, summary: 'One of your questions with its thread', params: NumberParams, response: { 200: Type.Ref('SupportThread'), ...problems(400, 401, 403, 404) } } },
    async (request) => {
      const who = asker(request, READ);
      return threadOut(await support.ticketOf(who.party, request.params.number, who.self));
    },
  );

  app.post(
    '/api/v1/support/tickets/:number/messages',
    {
      ...guard,
      ...withFiles,
      schema: { tags, security, summary: 'Answer in a question’s thread (the clock runs again)', params: NumberParams, body: schemaRef(MessageInput), response: { 200: Type.Ref('SupportTicket'), ...problems(400, 401, 403, 404, 409) } },
    },
    async (request) => {
      const who = asker(request, WRITE);
      return ticketOut(await support.answer(who.party, who.self, request.params.number, request.body.message, decodeFiles(request.body.files, '#/files')));
    },
  );

  app.get(
    '/api/v1/support/tickets/:number/files/:fileId',
    { ...guard, schema: { tags, security, summary: 'A file of one of your questions (audited)', params: FileParams, response: { 200: Type.Unknown({ description: 'the file, as an attachment' }), ...problems(400, 401, 403, 404) } } },
    async (request, reply) => {
      const who = asker(request, READ);
      return sendDownload(reply, await support.fileOf(who.party, request.params.number, request.params.fileId, who.self));
    },
  );

  app.get(
    '/api/v1/support/queue',
    {
      ...guard,
      schema: {
        tags,
        security,
        summary: 'The support queue of your institution (for its own help desk) or of your support-agent roles',
        description: 'Open tickets, overdue first, then the oldest; `filter` and `q` as on the console’s desk; paged by `limit` and `offset`, the header `X-Total-Count` telling how many all pages hold (each instance keeps that count for up to 5 seconds and forgets it at every change it makes: another instance’s changes show within that).',
        querystring: QueueQuery,
        response: { 200: Type.Array(Type.Ref('SupportTicket')), ...problems(400, 401, 403) },
      },
    },
    async (request, reply) => {
      const { filter = 'all', q, limit = 100, offset = 0 } = request.query;
      const page = await support.queuePage(deskAgent(request, READ), filter, { ...(q ? { q } : {}), limit, offset });
      void reply.header('x-total-count', String(page.total));
      return page.tickets.map(ticketOut);
    },
  );

  app.get(
    '/api/v1/support/queue/:number',
    {
      ...guard,
      schema: { tags, security, summary: 'One ticket of your queue with its whole thread (internal notes too)', params: NumberParams, response: { 200: Type.Ref('SupportThread'), ...problems(400, 401, 403, 404) } },
    },
    async (request) => threadOut(await support.ticketForAgent(deskAgent(request, READ), request.params.number)),
  );

  app.get(
    '/api/v1/support/queue/:number/files/:fileId',
    { ...guard, schema: { tags, security, summary: 'A file of a ticket of your queue (audited)', params: FileParams, response: { 200: Type.Unknown({ description: 'the file, as an attachment' }), ...problems(400, 401, 403, 404) } } },
    async (request, reply) => sendDownload(reply, await support.fileForAgent(deskAgent(request, READ), request.params.number, request.params.fileId)),
  );

  app.post(
    '/api/v1/support/queue/:number/replies',
    {
      ...guard,
      ...withFiles,
      schema: {
        tags,
        security,
        summary: 'Reply to the person (they are notified); the clock pauses until they answer',
        params: NumberParams,
        body: schemaRef(MessageInput),
        response: { 200: Type.Ref('SupportTicket'), ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (request) => ticketOut(await support.reply(deskAgent(request, WRITE), request.params.number, request.body.message, decodeFiles(request.body.files, '#/files'))),
  );

  app.post(
    '/api/v1/support/queue/:number/close',
    { ...guard, schema: { tags, security, summary: 'Close a ticket of your queue', params: NumberParams, response: { 200: Type.Ref('SupportTicket'), ...problems(401, 403, 404, 409) } } },
    async (request) => ticketOut(await support.closeByAgent(deskAgent(request, WRITE), request.params.number)),
  );

  app.post(
    '/api/v1/support/tickets/:number/close',
    { ...guard, schema: { tags, security, summary: 'Close one of your questions', params: NumberParams, response: { 200: Type.Ref('SupportTicket'), ...problems(401, 403, 404, 409) } } },
    async (request) => {
      const who = asker(request, WRITE);
      return ticketOut(await support.closeByPerson(who.party, who.self, request.params.number));
    },
  );
}
