/**
 * The person's side of the support desk (P13): asking — signed in (for
 * themselves or whom they act for) or as a visitor, whose question waits for
 * the e-mail's confirmation —, their questions and threads (without internal
 * notes), answering (the clock runs again), files, closing, reopening within
 * 14 days, and rating the answer once.
 */
import { randomBytes } from 'node:crypto';
import { publish } from '../../platform/jobs/outbox.js';
import { isUuid } from '../../platform/db/ids.js';
import * as errors from './support.errors.js';
import * as repo from './support.repo.js';
import { cleanMessage, DAY_MS, EMAIL, networkOf, sha256, type Core } from './tickets.core.js';
import { REOPEN_DAYS, VISITOR_LIMITS, type SupportService } from './support.types.js';

const CONFIRM_HOURS = 48;

export type ThreadsService = Pick<SupportService, 'ask' | 'askAsVisitor' | 'peekConfirmation' | 'confirmVisitor' | 'ticketsOf' | 'ticketOf' | 'answer' | 'fileOf' | 'closeByPerson' | 'reopen' | 'rate'>;

export function createThreads(core: Core): ThreadsService {
  const { root, now, deps, files, checkSubject, toTickets, toTicket, withThread, openedEvent, closedEvent, refreshDue, change, writeTickets, partyKey, personsTicket } = core;
  return {
    async ask(question) {
      const subject = await checkSubject(question.subject);
      const message = cleanMessage(question.message);
      let serviceId: string | null = null;
      let queue: string | null = null;
      let application: { id: string; number: string } | null = null;
      if (question.about.application) {
        const found = await deps.application(question.principal, question.about.application);
        if (!found) throw errors.unknownApplication();
        application = found;
        serviceId = found.serviceId;
        queue = found.institutionId;
      } else if (question.about.serviceId) {
        queue = isUuid(question.about.serviceId) ? ((await deps.serviceInstitution(question.about.serviceId)) ?? null) : null;
        if (!queue) throw errors.unknownService();
        serviceId = question.about.serviceId;
      }
      const prepared = await files.prepare(question.files);
      const at = now();
      const row = await writeTickets(async (trx) => {
        const inserted = await repo.insertTicket(trx, {
          queue_institution_id: queue,
          subject_code: subject,
          channel: question.channel,
          service_id: serviceId,
          application_id: application?.id ?? null,
          application_number: application?.number ?? null,
          requester: partyKey(question.requester),
          requester_kind: question.requesterKind,
          asked_by: partyKey(question.askedBy),
          visitor_name: null,
          visitor_email: null,
          language: question.language,
          state: 'open',
          assignee: null,
          created_at: at,
          opened_at: at,
          first_reply_at: null,
          closed_at: null,
          confirm_hash: null,
          confirm_expires_at: null,
          network: null,
          rating: null,
          rating_comment: null,
          rated_at: null,
        });
        const entryId = await repo.addEntry(trx, { ticket_id: inserted.id, kind: 'message', author_kind: 'person', author: question.askedBy, body: message, from_queue: null, to_queue: null, created_at: at });
        await files.attach(trx, entryId, prepared, at);
        await publish(trx, openedEvent(inserted, { kind: 'person', id: question.askedBy }));
        return refreshDue(trx, inserted);
      });
      return toTicket(row);
    },

    async askAsVisitor(question) {
      const name = question.name.trim();
      const email = question.email.trim();
      if (name.length === 0 || name.length > 200) throw errors.invalid('write your name', '#/name');
      if (!EMAIL.test(email) || email.length > 254) throw errors.invalid('an e-mail address like name@example.com', '#/email');
      const subject = await checkSubject(question.subject);
      const message = cleanMessage(question.message);
      let queue: string | null = null;
      if (question.serviceId) {
        queue = isUuid(question.serviceId) ? ((await deps.serviceInstitution(question.serviceId)) ?? null) : null;
        if (!queue) throw errors.unknownService();
      }
      const at = now();
      const network = networkOf(question.ip);
      const counts = await repo.visitorCounts(root, email, network, new Date(at.getTime() - 3_600_000));
      if (counts.byEmail >= VISITOR_LIMITS.perEmail || counts.byNetwork >= VISITOR_LIMITS.perNetwork) throw errors.rateLimited();
      const prepared = await files.prepare(question.files);
      const token = randomBytes(32).toString('base64url');
      const row = await writeTickets(async (trx) => {
        const inserted = await repo.insertTicket(trx, {
          queue_institution_id: queue,
          subject_code: subject,
          channel: 'portal',
          service_id: question.serviceId ?? null,
          application_id: null,
          application_number: null,
          requester: null,
          requester_kind: 'visitor',
          asked_by: null,
          visitor_name: name,
          visitor_email: email,
          language: question.language,
          state: 'unconfirmed',
          assignee: null,
          created_at: at,
          opened_at: null,
          first_reply_at: null,
          closed_at: null,
          confirm_hash: sha256(token),
          confirm_expires_at: new Date(at.getTime() + CONFIRM_HOURS * 3_600_000),
          network,
          rating: null,
          rating_comment: null,
          rated_at: null,
        });
        const entryId = await repo.addEntry(trx, { ticket_id: inserted.id, kind: 'message', author_kind: 'visitor', author: null, body: message, from_queue: null, to_queue: null, created_at: at });
        await files.attach(trx, entryId, prepared, at);
        return inserted;
      });
      const path = `${question.language === 'en' ? '/en' : ''}/support/confirm?token=${token}`;
      await deps.mailer.send({ to: email, name, language: question.language, link: `${deps.publicUrl}${path}`, number: Number(row.number) });
      return { number: Number(row.number) };
    },

    async peekConfirmation(token) {
      if (typeof token !== 'string' || token.length < 20 || token.length > 100) throw errors.confirmationInvalid();
      const row = await repo.findByConfirmation(root, sha256(token));
      if (!row || row.state !== 'unconfirmed' || !row.confirm_expires_at || row.confirm_expires_at <= now()) throw errors.confirmationInvalid();
      return { number: Number(row.number), email: row.visitor_email ?? '' };
    },

    async confirmVisitor(token) {
      if (typeof token !== 'string' || token.length < 20 || token.length > 100) throw errors.confirmationInvalid();
      const row = await writeTickets(async (trx) => {
        const found = await repo.findByConfirmation(trx, sha256(token));
        if (!found || found.state !== 'unconfirmed' || !found.confirm_expires_at || found.confirm_expires_at <= now()) throw errors.confirmationInvalid();
        const at = now();
        const opened = await repo.updateTicket(trx, found.id, { state: 'open', opened_at: at, confirm_hash: null, confirm_expires_at: null });
        await publish(trx, openedEvent(opened, { kind: 'platform', id: 'support' }));
        return refreshDue(trx, opened);
      });
      return toTicket(row);
    },

    async ticketsOf(party) {
      return toTickets(await repo.ticketsOfRequester(root, partyKey(party), 200));
    },

    async ticketOf(party, number, reader) {
      const row = await personsTicket(party, number);
      await deps.audit({ actor: `person:${reader}`, onBehalfOf: party === reader ? null : party, action: 'support.ticket_read', target: `ticket:${row.id}`, details: { number: Number(row.number), as: 'person' } });
      return withThread(row, false);
    },

    async answer(party, personalCode, number, message, uploads) {
      const text = cleanMessage(message);
      const row = await personsTicket(party, number);
      if (row.state === 'closed') throw errors.closed();
      const prepared = await files.prepare(uploads);
      return change(row, async (trx, locked) => {
        if (locked.state === 'closed') throw errors.closed();
        const at = now();
        const entryId = await repo.addEntry(trx, { ticket_id: locked.id, kind: 'message', author_kind: 'person', author: personalCode, body: text, from_queue: null, to_queue: null, created_at: at });
        await files.attach(trx, entryId, prepared, at);
        // The person answered: the clock runs again.
        return repo.updateTicket(trx, locked.id, { state: 'open' });
      });
    },

    async fileOf(party, number, fileId, reader) {
      const row = await personsTicket(party, number);
      const file = isUuid(fileId) ? await repo.findFile(root, fileId) : undefined;
      // An internal note's file is the agents' alone.
      if (!file || file.ticket_id !== row.id || file.entry_kind === 'note') throw errors.fileNotFound();
      await deps.audit({ actor: `person:${reader}`, onBehalfOf: party === reader ? null : party, action: 'support.file_read', target: `ticket:${row.id}`, details: { number: Number(row.number), file: file.id, as: 'person' } });
      return files.content(file);
    },

    async closeByPerson(party, personalCode, number) {
      const row = await personsTicket(party, number);
      return change(row, async (trx, locked) => {
        if (locked.state === 'closed') throw errors.closed();
        const at = now();
        await repo.addEntry(trx, { ticket_id: locked.id, kind: 'closed', author_kind: 'person', author: personalCode, body: null, from_queue: null, to_queue: null, created_at: at });
        const closedRow = await repo.updateTicket(trx, locked.id, { state: 'closed', closed_at: at });
        await publish(trx, closedEvent(closedRow, 'person', { kind: 'person', id: personalCode }));
        return closedRow;
      });
    },

    async reopen(party, personalCode, number) {
      const row = await personsTicket(party, number);
      return change(row, async (trx, locked) => {
        if (locked.state !== 'closed' || !locked.closed_at) throw errors.notClosed();
        const at = now();
        if (at.getTime() - locked.closed_at.getTime() > REOPEN_DAYS * DAY_MS) throw errors.reopenTooLate();
        await repo.addEntry(trx, { ticket_id: locked.id, kind: 'reopened', author_kind: 'person', author: personalCode, body: null, from_queue: null, to_queue: null, created_at: at });
        return repo.updateTicket(trx, locked.id, { state: 'open', closed_at: null });
      });
    },

    async rate(party, number, rating, comment) {
      if (!Number.isInteger(rating) || rating < 1 || rating > 5) throw errors.invalid('a rating from 1 to 5', '#/rating');
      const text = comment.trim();
      if (text.length > 2000) throw errors.invalid('at most 2000 characters', '#/comment');
      const row = await personsTicket(party, number);
      return change(row, async (trx, locked) => {
        if (locked.state !== 'closed') throw errors.notClosed();
        if (locked.rated_at) throw errors.alreadyRated();
        return repo.updateTicket(trx, locked.id, { rating, rating_comment: text || null, rated_at: now() });
      });
    },

  };
}
