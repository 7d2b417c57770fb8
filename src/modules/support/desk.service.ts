/**
 * The agent's side of the support desk (P13): the queues (filtered, sorted
 * and paged in SQL, overdue first), one ticket with its whole thread
 * (audited), assigning, replying (with files; the person is told through the
 * event, a visitor by e-mail), internal notes, first line's transfer to an
 * institution, merging a duplicate, closing and reopening.
 */
import { publish } from '../../platform/jobs/outbox.js';
import { isUuid } from '../../platform/db/ids.js';
import { parseParty } from '../access/index.js';
import * as errors from './support.errors.js';
import { REPLIED, SUPPORT_SOURCE, type RepliedData } from './support.events.js';
import * as repo from './support.repo.js';
import type { TicketRow } from './support.repo.js';
import { MAX_MESSAGE, type Agent, type QueueFilter, type QueueOptions, type SupportService, type Ticket } from './support.types.js';
import { cleanMessage, type Core } from './tickets.core.js';

export type DeskService = Pick<SupportService, 'queuePage' | 'queue' | 'ticketForAgent' | 'assignToMe' | 'reply' | 'fileForAgent' | 'note' | 'transfer' | 'merge' | 'reopenByAgent' | 'closeByAgent'>;

export function createDesk(core: Core): DeskService {
  const { root, now, deps, files, subjectOf, toTickets, toTicket, withThread, closedEvent, refreshDue, change, writeTickets, queueCounts, fillMissingDues, seesQueue, agentsTicket, agentActor } = core;

  async function queuePage(agent: Agent, filter: QueueFilter, options: QueueOptions = {}): Promise<{ tickets: Ticket[]; total: number }> {
    await fillMissingDues();
    const q = (options.q ?? '').trim().slice(0, 100);
    const limit = Math.min(Math.max(Math.trunc(options.limit ?? 100), 1), 200);
    const offset = Math.max(Math.trunc(options.offset ?? 0), 0);
    const query = {
      queues: { institutions: [...agent.institutions].sort(), firstLine: agent.firstLine },
      filter,
      agent: agent.personalCode,
      subject: options.subject,
      q: q ? (parseParty(q)?.id ?? q) : undefined,
    };
    // The count depends on these alone (the agent only for their own tickets), not on the page.
    const countKey = JSON.stringify({ ...query, agent: filter === 'mine' ? query.agent : undefined });
    const from = queueCounts.since();
    const knownTotal = queueCounts.get(countKey);
    const page = await repo.queuePage(root, { ...query, now: now(), limit, offset, knownTotal });
    if (knownTotal === undefined) queueCounts.keep(countKey, page.total, from);
    return { tickets: await toTickets(page.rows, page.targets), total: page.total };
  }


  return {
    queuePage,

    async queue(agent, filter, options = {}) {
      return (await queuePage(agent, filter, options)).tickets;
    },

    async ticketForAgent(agent, number) {
      const row = await agentsTicket(agent, number);
      await deps.audit({
        actor: `person:${agent.personalCode}`,
        onBehalfOf: null,
        action: 'support.ticket_read',
        target: `ticket:${row.id}`,
        details: { number: Number(row.number), as: 'agent', requester: row.requester },
      });
      return withThread(row, true);
    },

    async assignToMe(agent, number) {
      const row = await agentsTicket(agent, number);
      return change(row, async (trx, locked) => {
        if (locked.state === 'closed') throw errors.closed();
        if (locked.assignee === agent.personalCode) return locked;
        await repo.addEntry(trx, { ticket_id: locked.id, kind: 'assigned', author_kind: 'agent', author: agent.personalCode, body: null, from_queue: null, to_queue: null, created_at: now() });
        return repo.updateTicket(trx, locked.id, { assignee: agent.personalCode });
      });
    },

    async reply(agent, number, message, uploads) {
      const text = cleanMessage(message);
      const row = await agentsTicket(agent, number);
      if (row.state === 'closed') throw errors.closed();
      // Read before the transaction: on the embedded database a read outside it would wait for it to end.
      const subject = await subjectOf(row.subject_code);
      const prepared = await files.prepare(uploads);
      const replied = await change(row, async (trx, locked) => {
        if (locked.state === 'closed') throw errors.closed();
        if (!seesQueue(agent, locked.queue_institution_id)) throw errors.ticketNotFound();
        const at = now();
        const entryId = await repo.addEntry(trx, { ticket_id: locked.id, kind: 'reply', author_kind: 'agent', author: agent.personalCode, body: text, from_queue: null, to_queue: null, created_at: at });
        await files.attach(trx, entryId, prepared, at);
        const updated = await repo.updateTicket(trx, locked.id, {
          state: 'awaiting_person',
          first_reply_at: locked.first_reply_at ?? at,
          assignee: locked.assignee ?? agent.personalCode,
        });
        const recipient = locked.requester_kind === 'visitor' ? null : (locked.asked_by ?? locked.requester);
        const data: RepliedData = {
          ticketId: locked.id,
          number: Number(locked.number),
          recipient,
          subject: subject.label,
          body: text,
          link: `/workspace/support/${Number(locked.number)}`,
          queueInstitutionId: locked.queue_institution_id,
          serviceId: locked.service_id,
          applicationId: locked.application_id,
        };
        await publish(trx, { type: REPLIED, source: SUPPORT_SOURCE, subject: locked.id, actor: agentActor(agent), data });
        return updated;
      });
      // A visitor has no inbox: the reply goes to the confirmed address, once, after it is stored (not retried: the desk keeps it).
      if (row.requester_kind === 'visitor' && row.visitor_email) {
        const path = `${row.language === 'en' ? '/en' : ''}/support`;
        await deps.mailer
          .sendReply({ to: row.visitor_email, name: row.visitor_name ?? '', language: row.language, link: `${deps.publicUrl}${path}`, number: Number(row.number), body: text })
          .catch(() => undefined);
      }
      return replied;
    },

    async fileForAgent(agent, number, fileId) {
      const row = await agentsTicket(agent, number);
      const file = isUuid(fileId) ? await repo.findFile(root, fileId) : undefined;
      if (!file || file.ticket_id !== row.id) throw errors.fileNotFound();
      await deps.audit({
        actor: `person:${agent.personalCode}`,
        onBehalfOf: null,
        action: 'support.file_read',
        target: `ticket:${row.id}`,
        details: { number: Number(row.number), file: file.id, as: 'agent', requester: row.requester },
      });
      return files.content(file);
    },

    async note(agent, number, message) {
      const text = cleanMessage(message);
      const row = await agentsTicket(agent, number);
      return change(row, async (trx, locked) => {
        await repo.addEntry(trx, { ticket_id: locked.id, kind: 'note', author_kind: 'agent', author: agent.personalCode, body: text, from_queue: null, to_queue: null, created_at: now() });
        return locked;
      });
    },

    async transfer(agent, number, institutionId, note) {
      const row = await agentsTicket(agent, number);
      if (row.queue_institution_id !== null || !agent.firstLine) throw errors.notFirstLine();
      if (!isUuid(institutionId) || !(await deps.institutionExists(institutionId))) throw errors.invalid('choose an institution', '#/institution');
      const text = note.trim().slice(0, MAX_MESSAGE) || null;
      return change(row, async (trx, locked) => {
        if (locked.state === 'closed') throw errors.closed();
        if (locked.queue_institution_id !== null) throw errors.notFirstLine();
        await repo.addEntry(trx, { ticket_id: locked.id, kind: 'transfer', author_kind: 'agent', author: agent.personalCode, body: text, from_queue: null, to_queue: institutionId, created_at: now() });
        // The institution's agents pick it up afresh; the targets become the institution's.
        return repo.updateTicket(trx, locked.id, { queue_institution_id: institutionId, assignee: null });
      });
    },

    async merge(agent, duplicate, into) {
      const from = await agentsTicket(agent, duplicate);
      const target = await agentsTicket(agent, into);
      const sameAsker = from.requester_kind === 'visitor' ? from.visitor_email?.toLowerCase() === target.visitor_email?.toLowerCase() : from.requester === target.requester;
      if (from.id === target.id || !sameAsker) throw errors.invalid('another question of the same person', '#/into');
      if (from.state === 'closed' || target.state === 'closed') throw errors.closed();
      const merged = await writeTickets(async (trx) => {
        const locked = await repo.findTicketForUpdate(trx, from.id);
        if (!locked || locked.state === 'closed') throw errors.closed();
        const at = now();
        await repo.moveEntries(trx, from.id, target.id);
        await repo.addEntry(trx, { ticket_id: target.id, kind: 'merged', author_kind: 'agent', author: agent.personalCode, body: null, from_queue: null, to_queue: null, other_ticket: Number(from.number), created_at: at });
        await repo.addEntry(trx, { ticket_id: from.id, kind: 'merged', author_kind: 'agent', author: agent.personalCode, body: null, from_queue: null, to_queue: null, other_ticket: Number(target.number), created_at: at });
        // The duplicate's thread moved away, and its pauses with it.
        const closedRow = await refreshDue(trx, await repo.updateTicket(trx, from.id, { state: 'closed', closed_at: at }));
        await publish(trx, closedEvent(closedRow, 'agent', agentActor(agent)));
        const into = await repo.findTicketForUpdate(trx, target.id);
        return into && refreshDue(trx, into);
      });
      return toTicket(merged as TicketRow);
    },

    async reopenByAgent(agent, number) {
      const row = await agentsTicket(agent, number);
      return change(row, async (trx, locked) => {
        if (locked.state !== 'closed') throw errors.notClosed();
        await repo.addEntry(trx, { ticket_id: locked.id, kind: 'reopened', author_kind: 'agent', author: agent.personalCode, body: null, from_queue: null, to_queue: null, created_at: now() });
        return repo.updateTicket(trx, locked.id, { state: 'open', closed_at: null });
      });
    },

    async closeByAgent(agent, number) {
      const row = await agentsTicket(agent, number);
      return change(row, async (trx, locked) => {
        if (locked.state === 'closed') throw errors.closed();
        const at = now();
        await repo.addEntry(trx, { ticket_id: locked.id, kind: 'closed', author_kind: 'agent', author: agent.personalCode, body: null, from_queue: null, to_queue: null, created_at: at });
        const closedRow = await repo.updateTicket(trx, locked.id, { state: 'closed', closed_at: at });
        await publish(trx, closedEvent(closedRow, 'agent', agentActor(agent)));
        return closedRow;
      });
    },
  };
}
