/**
 * The support desk's rules without HTTP, on a real (migrated, empty) database:
 * routing to queues, visitors' confirmation and rate limits, who may open a
 * ticket, the thread (notes hidden from the person, transfers shown), the
 * clock in Latvian working days with pauses while awaiting the person,
 * overdue, reopening within 14 days, and the events in the outbox.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { sql } from 'kysely';
import { narrow } from '../../platform/db/database.js';
import type { Principal } from '../../platform/http/auth.js';
import { openTestDatabase } from '../../../test/support/database.js';
import { databaseFileStore } from '../applications/index.js';
import type { SupportTables } from './support.repo.js';
import { keptQueueCounts, QUEUE_COUNT_MAX_AGE_MS } from './tickets.core.js';
import { createSupportService, networkOf, type Agent, type SupportService } from './support.service.js';

const PMLP = randomUUID();
const VID = randomUUID();
const RESIDENCE = randomUUID();
const TAX = randomUUID();
const OTHER = randomUUID();
const PASSPORT = randomUUID();
/** a service whose institution's queue only the paging test fills */
const LONG_QUEUE_SERVICE = randomUUID();
const LONG_QUEUE = randomUUID();
const JANIS = '150685-12347';
const principal: Principal = { subject: 'person:x', kind: 'person', via: 'session', personalCode: JANIS, roles: [], scopes: [] };

let db: Awaited<ReturnType<typeof openTestDatabase>>;
let support: SupportService;
let deps: Parameters<typeof createSupportService>[0];
let clock = new Date('2026-11-13T09:00:00Z'); // a Friday; 18 November is a public holiday
const sent: { to: string; link: string }[] = [];
const audited: string[] = [];
const pmlpAgent: Agent = { personalCode: '120479-43216', institutions: [PMLP], firstLine: false };
const vidAgent: Agent = { personalCode: '230390-11113', institutions: [VID], firstLine: false };
const firstLine: Agent = { personalCode: '271188-10106', institutions: [], firstLine: true };

before(async () => {
  db = await openTestDatabase();
  deps = {
    root: narrow<SupportTables>(db.db),
    serviceInstitution: async (id) => ({ [RESIDENCE]: PMLP, [TAX]: VID, [PASSPORT]: OTHER, [LONG_QUEUE_SERVICE]: LONG_QUEUE })[id],
    institutionExists: async (id) => id === PMLP || id === VID,
    application: async (_principal, ref) => (ref === '2026-000001' ? { id: randomUUID(), number: ref, serviceId: RESIDENCE, institutionId: PMLP } : undefined),
    mailer: { send: async (message) => void sent.push({ to: message.to, link: message.link }), sendReply: async (message) => void sent.push({ to: message.to, link: message.body }) },
    files: databaseFileStore(),
    audit: async (entry) => void audited.push(entry.action),
    publicUrl: 'http://portal.test',
    now: () => clock,
  };
  support = createSupportService(deps);
});
after(async () => db.dispose());

const ask = (about: { serviceId?: string; application?: string }, requester = JANIS) =>
  support.ask({ askedBy: JANIS, principal, requester, requesterKind: 'person', subject: 'status', message: 'Kad būs gatavs?', about, channel: 'workspace', language: 'lv' });

async function rejects(promise: Promise<unknown>, code: string): Promise<void> {
  await assert.rejects(promise, (error: { code?: string }) => error.code === code);
}

test('routing: a service or an application goes to its institution, a general question to the first line', async () => {
  const aboutService = await ask({ serviceId: RESIDENCE });
  const aboutApplication = await ask({ application: '2026-000001' });
  const general = await ask({});
  assert.equal(aboutService.queueInstitutionId, PMLP);
  assert.equal(aboutApplication.queueInstitutionId, PMLP);
  assert.equal(aboutApplication.applicationNumber, '2026-000001');
  assert.equal(general.queueInstitutionId, null);
  await rejects(ask({ application: '2026-999999' }), 'support.invalid');
  await rejects(ask({ serviceId: randomUUID() }), 'support.invalid');
  await rejects(support.ask({ askedBy: JANIS, principal, requester: JANIS, requesterKind: 'person', subject: 'nope', message: 'x', about: {}, channel: 'workspace', language: 'lv' }), 'support.invalid');

  const pmlpQueue = (await support.queue(pmlpAgent, 'all')).map((t) => t.number);
  assert.ok(pmlpQueue.includes(aboutService.number) && pmlpQueue.includes(aboutApplication.number) && !pmlpQueue.includes(general.number));
  assert.ok((await support.queue(firstLine, 'all')).some((t) => t.number === general.number));
  assert.ok(!(await support.queue(vidAgent, 'all')).some((t) => t.number === aboutService.number));
  // Another institution's agent, and first-line support, are told it does not exist.
  await rejects(support.ticketForAgent(vidAgent, aboutService.number), 'support.ticket-not-found');
  await rejects(support.ticketForAgent(firstLine, aboutService.number), 'support.ticket-not-found');
  await rejects(support.reply(vidAgent, aboutService.number, 'hi'), 'support.ticket-not-found');
  // Someone else's question is not the person's to see.
  await rejects(support.ticketOf('230390-11113', aboutService.number, '230390-11113'), 'support.ticket-not-found');
});

test('a visitor’s question reaches the queue only once the e-mail is confirmed; limits per address and network', async () => {
  const email = `visitor-${randomUUID().slice(0, 8)}@example.org`;
  const { number } = await support.askAsVisitor({ name: 'Līga Zariņa', email, subject: 'applying', message: 'Vai varu pieteikties?', serviceId: RESIDENCE, language: 'lv', ip: '10.1.2.3' });
  assert.ok(!(await support.queue(pmlpAgent, 'all')).some((t) => t.number === number), 'not in the queue before confirming');
  await rejects(support.ticketForAgent(pmlpAgent, number), 'support.ticket-not-found');
  const link = sent.find((message) => message.to === email)?.link ?? '';
  assert.match(link, /^http:\/\/portal\.test\/support\/confirm\?token=/);
  const token = new URL(link).searchParams.get('token') ?? '';
  assert.deepEqual(await support.peekConfirmation(token), { number, email });
  const opened = await support.confirmVisitor(token);
  assert.equal(opened.state, 'open');
  assert.equal(opened.queueInstitutionId, PMLP);
  await rejects(support.confirmVisitor(token), 'support.confirmation-invalid');
  assert.ok((await support.queue(pmlpAgent, 'all')).some((t) => t.number === number));
  await support.reply(pmlpAgent, number, 'Jā, var.');
  assert.ok(sent.some((message) => message.to === email && message.link === 'Jā, var.'), 'the reply is mailed to the visitor');

  await support.askAsVisitor({ name: 'L', email, subject: 'other', message: 'Otrs', language: 'lv', ip: '10.1.9.3' });
  await support.askAsVisitor({ name: 'L', email: email.toUpperCase(), subject: 'other', message: 'Trešais', language: 'lv', ip: '10.1.8.3' });
  await rejects(support.askAsVisitor({ name: 'L', email, subject: 'other', message: 'Ceturtais', language: 'lv', ip: '10.7.7.7' }), 'support.rate-limited');
  await rejects(support.askAsVisitor({ name: 'L', email: 'not-an-address', subject: 'other', message: 'x', language: 'lv', ip: '10.7.7.7' }), 'support.invalid');
  assert.equal(networkOf('10.1.2.3'), '10.1.2.0/24');
  assert.equal(networkOf('2001:db8:1:2::5'), '2001:db8:1::/48');
  for (let i = 0; i < 20; i++) {
    await support.askAsVisitor({ name: 'L', email: `n${i}-${randomUUID().slice(0, 6)}@example.org`, subject: 'other', message: 'x', language: 'lv', ip: '10.200.3.4' });
  }
  await rejects(support.askAsVisitor({ name: 'L', email: `last-${randomUUID().slice(0, 6)}@example.org`, subject: 'other', message: 'x', language: 'lv', ip: '10.200.3.99' }), 'support.rate-limited');
});

test('the clock: working days, paused while awaiting the person, overdue when late', async () => {
  clock = new Date('2026-11-13T09:00:00Z');
  const ticket = await ask({ serviceId: RESIDENCE });
  // Friday + 2 working days: Monday 16th, Tuesday 17th (the 18th is a holiday) → due at the end of the 17th in Riga.
  assert.equal(ticket.clock?.firstReplyDue, '2026-11-17T21:59:59.999Z');
  assert.equal(ticket.clock?.overdue, false);
  clock = new Date('2026-11-18T08:00:00Z');
  assert.equal((await support.queue(pmlpAgent, 'overdue')).some((t) => t.number === ticket.number), true, 'no first reply by its due date: overdue');
  const replied = await support.reply(pmlpAgent, ticket.number, 'Pieteikums tiek izskatīts. Vai adrese ir pareiza?');
  assert.equal(replied.state, 'awaiting_person');
  assert.equal(replied.clock?.paused, true);
  assert.equal(replied.clock?.overdue, false, 'awaiting the person is never overdue');
  const before = replied.clock?.resolutionDue ?? '';
  clock = new Date('2026-11-24T08:00:00Z');
  const stillPaused = (await support.queue(pmlpAgent, 'all')).find((t) => t.number === ticket.number);
  assert.ok((stillPaused?.clock?.resolutionDue ?? '') > before, 'while awaiting, each day moves the resolution date on');
  const answered = await support.answer(JANIS, JANIS, ticket.number, 'Jā, pareiza.');
  assert.equal(answered.state, 'open');
  assert.equal(answered.clock?.paused, false);
  assert.ok((answered.clock?.resolutionDue ?? '') > before, 'the days awaiting the person moved the resolution date on');
  assert.equal(answered.assignee, pmlpAgent.personalCode, 'the agent who replied took it');

  await support.note(pmlpAgent, ticket.number, 'Pārbaudīt deklarācijas datus.');
  const forPerson = await support.ticketOf(JANIS, ticket.number, JANIS);
  assert.deepEqual(forPerson.entries.map((entry) => entry.kind), ['message', 'reply', 'message']);
  assert.equal(forPerson.entries[1]?.author, null, 'the person sees support answered, not which agent');
  const forAgent = await support.ticketForAgent(pmlpAgent, ticket.number);
  assert.deepEqual(forAgent.entries.map((entry) => entry.kind), ['message', 'reply', 'message', 'note']);
});

test('first-line transfer keeps one thread; closing and reopening within 14 days; events in the outbox', async () => {
  clock = new Date('2026-12-01T09:00:00Z');
  const general = await ask({});
  await rejects(support.transfer(pmlpAgent, general.number, PMLP, ''), 'support.ticket-not-found');
  await rejects(support.transfer(firstLine, general.number, randomUUID(), ''), 'support.invalid');
  const moved = await support.transfer(firstLine, general.number, PMLP, 'Par dzīvesvietu');
  assert.equal(moved.queueInstitutionId, PMLP);
  await rejects(support.ticketForAgent(firstLine, general.number), 'support.ticket-not-found');
  const thread = await support.ticketOf(JANIS, general.number, JANIS);
  assert.deepEqual(thread.entries.map((entry) => [entry.kind, entry.toQueue]), [['message', null], ['transfer', PMLP]]);
  await support.reply(pmlpAgent, general.number, 'Atbilde');
  const closed = await support.closeByPerson(JANIS, JANIS, general.number);
  assert.equal(closed.state, 'closed');
  assert.equal(closed.reopenable, true);
  await rejects(support.answer(JANIS, JANIS, general.number, 'vēl'), 'support.closed');
  clock = new Date('2026-12-10T09:00:00Z');
  assert.equal((await support.reopen(JANIS, JANIS, general.number)).state, 'open');
  await support.closeByAgent(pmlpAgent, general.number);
  clock = new Date('2026-12-30T09:00:00Z');
  await rejects(support.reopen(JANIS, JANIS, general.number), 'support.reopen-too-late');
  await rejects(support.rate(JANIS, general.number, 6, ''), 'support.invalid');
  assert.equal((await support.rate(JANIS, general.number, 5, 'Paldies')).rating, 5);
  await rejects(support.rate(JANIS, general.number, 1, ''), 'support.already-rated');
  await rejects(support.rate(JANIS, (await ask({})).number, 3, ''), 'support.not-closed');

  const events = await sql<{ type: string; data: { number: number; recipient?: string; link?: string } }>`
    select type, data from platform.outbox where subject = ${general.id} order by position`.execute(db.db);
  assert.deepEqual(
    events.rows.map((row) => row.type),
    ['support.ticket_opened', 'support.replied', 'support.closed', 'support.closed'],
  );
  const replied = events.rows[1]?.data;
  assert.equal(replied?.recipient, JANIS);
  assert.equal(replied?.link, `/workspace/support/${general.number}`);
});

test('paging a long queue: every page in order, the late ones first, across the runs’ rounded limits', async () => {
  const agent: Agent = { personalCode: '040480-10009', institutions: [LONG_QUEUE], firstLine: false };
  clock = new Date('2027-03-01T09:00:00Z'); // a Monday
  const late: number[] = [];
  for (let i = 0; i < 18; i++) late.push((await ask({ serviceId: LONG_QUEUE_SERVICE })).number);
  clock = new Date('2027-03-08T09:00:00Z');
  const onTime = [(await ask({ serviceId: LONG_QUEUE_SERVICE })).number, (await ask({ serviceId: LONG_QUEUE_SERVICE })).number];
  clock = new Date('2027-03-08T10:00:00Z'); // the first 18 are past their first-reply target
  const paged: number[] = [];
  for (let offset = 0; offset < 25; offset += 5) {
    const page = await support.queuePage(agent, 'all', { limit: 5, offset });
    assert.equal(page.total, 20);
    paged.push(...page.tickets.map((ticket) => ticket.number));
  }
  assert.deepEqual(paged, [...late, ...onTime], 'the pages, one after another, hold every ticket once: late first, each run oldest first');
  assert.deepEqual((await support.queue(agent, 'overdue', { limit: 100 })).map((ticket) => ticket.number), late);
  assert.deepEqual((await support.queuePage(agent, 'all', { limit: 3, offset: 17 })).tickets.map((ticket) => ticket.number), [late[17], ...onTime]);
});

test('a queue’s count is kept a few seconds and forgotten at every write of a ticket here; one worked out across a write is not kept', async () => {
  const total = async (): Promise<number> => (await support.queuePage(vidAgent, 'all', { limit: 1 })).total;
  const before = await total();
  const asked = await ask({ serviceId: TAX });
  assert.equal(await total(), before + 1, 'this instance’s own write shows at once');
  // Another instance's write (straight into the table here) shows once the kept count is older than its age.
  await sql`update support.tickets set state = 'closed', closed_at = now() where number = ${asked.number}`.execute(db.db);
  assert.equal(await total(), before + 1, 'kept');
  assert.equal(await createSupportService(deps).queuePage(vidAgent, 'all', { limit: 1 }).then((page) => page.total), before, 'a fresh count');

  let at = 0;
  const counts = keptQueueCounts(() => at);
  const from = counts.since();
  counts.changed(); // a write ended while the count was worked out
  counts.keep('all', 7, from);
  assert.equal(counts.get('all'), undefined, 'not kept: it may predate the write');
  counts.keep('all', 7, counts.since());
  assert.equal(counts.get('all'), 7);
  at = QUEUE_COUNT_MAX_AGE_MS - 1;
  assert.equal(counts.get('all'), 7);
  at = QUEUE_COUNT_MAX_AGE_MS;
  assert.equal(counts.get('all'), undefined, 'too old');
  counts.keep('all', 8, counts.since());
  counts.changed();
  assert.equal(counts.get('all'), undefined, 'forgotten at a write');
});

test('targets per institution', async () => {
  assert.deepEqual(await support.targets(VID), { firstReplyDays: 2, resolutionDays: 10 });
  await support.setTargets(VID, { firstReplyDays: 1, resolutionDays: 5 });
  assert.deepEqual(await support.targets(VID), { firstReplyDays: 1, resolutionDays: 5 });
  await rejects(support.setTargets(VID, { firstReplyDays: 5, resolutionDays: 2 }), 'support.invalid');
  clock = new Date('2026-11-13T09:00:00Z');
  const ticket = await ask({ serviceId: TAX });
  assert.equal(ticket.clock?.firstReplyDue, '2026-11-16T21:59:59.999Z');
});

test('merging a duplicate moves its thread into the other question of the same person and closes it', async () => {
  clock = new Date('2026-12-02T09:00:00Z');
  const first = await ask({ serviceId: RESIDENCE });
  clock = new Date('2026-12-02T10:00:00Z');
  const again = await ask({ serviceId: RESIDENCE });
  const someoneElse = await ask({ serviceId: RESIDENCE }, '230390-11113');
  await rejects(support.merge(pmlpAgent, again.number, someoneElse.number), 'support.invalid');
  await rejects(support.merge(vidAgent, again.number, first.number), 'support.ticket-not-found');
  const merged = await support.merge(pmlpAgent, again.number, first.number);
  assert.equal(merged.number, first.number);
  const thread = await support.ticketOf(JANIS, first.number, JANIS);
  assert.deepEqual(thread.entries.map((entry) => [entry.kind, entry.otherTicket]), [['message', null], ['message', null], ['merged', again.number]]);
  const duplicate = await support.ticketOf(JANIS, again.number, JANIS);
  assert.equal(duplicate.state, 'closed');
  assert.deepEqual(duplicate.entries.map((entry) => [entry.kind, entry.otherTicket]), [['merged', first.number]]);
  await rejects(support.merge(pmlpAgent, again.number, first.number), 'support.closed');
});

test('files: checked as attachments are, on the message and the reply; downloaded by the person and the queue’s agents only, audited', async () => {
  clock = new Date('2026-12-03T09:00:00Z');
  const pdf = { filename: 'iesniegums.pdf', mediaType: 'application/pdf', content: new TextEncoder().encode('%PDF-1.4 iesniegums') };
  const fake = { filename: 'bilde.png', mediaType: 'image/png', content: new TextEncoder().encode('not a png') };
  const question = { askedBy: JANIS, principal, requester: JANIS, requesterKind: 'person' as const, subject: 'documents', message: 'Pielikumā iesniegums', about: { serviceId: RESIDENCE }, channel: 'workspace' as const, language: 'lv' as const };
  await rejects(support.ask({ ...question, files: [pdf, fake] }), 'support.invalid');
  await rejects(support.ask({ ...question, files: [{ ...pdf, mediaType: 'application/x-msdownload' }] }), 'support.invalid');
  const ticket = await support.ask({ ...question, files: [pdf] });
  await support.note(pmlpAgent, ticket.number, 'iekšēji');
  await support.reply(pmlpAgent, ticket.number, 'Lūdzu, parakstītu', [{ filename: '../../veidlapa.txt', mediaType: 'text/plain', content: new TextEncoder().encode('veidlapa') }]);
  const thread = await support.ticketOf(JANIS, ticket.number, JANIS);
  const [asked, replied] = thread.entries.filter((entry) => entry.files.length > 0);
  assert.deepEqual(asked?.files.map((file) => [file.filename, file.size]), [['iesniegums.pdf', pdf.content.byteLength]]);
  assert.equal(replied?.files[0]?.filename, 'veidlapa.txt', 'a path in the name is dropped');
  const fromReply = await support.fileOf(JANIS, ticket.number, replied?.files[0]?.id ?? '', JANIS);
  assert.equal(new TextDecoder().decode(fromReply.content), 'veidlapa');
  const seen = await support.fileForAgent(pmlpAgent, ticket.number, asked?.files[0]?.id ?? '');
  assert.deepEqual(seen.content, pdf.content);
  await rejects(support.fileForAgent(vidAgent, ticket.number, asked?.files[0]?.id ?? ''), 'support.ticket-not-found');
  await rejects(support.fileOf('230390-11113', ticket.number, asked?.files[0]?.id ?? '', '230390-11113'), 'support.ticket-not-found');
  const other = await ask({ serviceId: RESIDENCE });
  await rejects(support.fileOf(JANIS, other.number, asked?.files[0]?.id ?? '', JANIS), 'support.file-not-found');
  await rejects(support.fileOf(JANIS, ticket.number, 'not-a-uuid', JANIS), 'support.file-not-found');
  assert.equal(audited.filter((action) => action === 'support.file_read').length, 2);
});

test('the queue is filtered, sorted and paged in SQL: overdue first, then the oldest; new targets move due times; older rows get theirs', async () => {
  const agent: Agent = { personalCode: '010180-10006', institutions: [OTHER], firstLine: false };
  const numbers = async (filter: 'all' | 'mine' | 'unassigned' | 'overdue', options = {}): Promise<number[]> => (await support.queue(agent, filter, options)).map((t) => t.number);
  clock = new Date('2027-02-01T09:00:00Z'); // a Monday; the first reply is due in 2 working days
  const a = await ask({ serviceId: PASSPORT });
  clock = new Date('2027-02-02T09:00:00Z');
  const b = await ask({ serviceId: PASSPORT });
  clock = new Date('2027-02-03T09:00:00Z');
  const c = await ask({ serviceId: PASSPORT });
  await support.reply(agent, a.number, 'Lūdzu, precizējiet.');
  clock = new Date('2027-02-05T10:00:00Z'); // b (due at the end of the 4th) is late; a awaits the person; c is due tonight
  assert.deepEqual(await numbers('all'), [b.number, a.number, c.number], 'overdue first, then the oldest');
  const first = await support.queuePage(agent, 'all', { limit: 2 });
  const second = await support.queuePage(agent, 'all', { limit: 2, offset: 2 });
  const past = await support.queuePage(agent, 'all', { limit: 2, offset: 10 });
  assert.deepEqual([first.total, second.total, past.total, past.tickets.length], [3, 3, 3, 0], 'past the last page the count still holds');
  assert.deepEqual([...first.tickets, ...second.tickets].map((t) => t.number), [b.number, a.number, c.number]);
  assert.deepEqual(await numbers('overdue'), [b.number]);
  assert.deepEqual(await numbers('mine'), [a.number]);
  assert.deepEqual(await numbers('unassigned'), [b.number, c.number]);
  assert.deepEqual(await numbers('all', { subject: 'other' }), []);
  assert.deepEqual(await numbers('all', { q: String(c.number) }), [c.number]);
  assert.equal((await support.queue(agent, 'all')).find((t) => t.number === b.number)?.clock?.overdue, true, 'the clock and the queue agree');

  await support.setTargets(OTHER, { firstReplyDays: 5, resolutionDays: 10 });
  assert.deepEqual(await numbers('overdue'), [], 'longer targets: no longer late');
  await support.setTargets(OTHER, { firstReplyDays: 2, resolutionDays: 10 });
  assert.deepEqual(await numbers('overdue'), [b.number]);

  // A row from before due times were kept (migration 003) gets its due time when a queue is first read.
  await sql`update support.tickets set due_at = null where number = ${b.number}`.execute(db.db);
  assert.deepEqual(await (createSupportService(deps).queue(agent, 'overdue')).then((list) => list.map((t) => t.number)), [b.number]);

  // Rows from before pauses were kept (migration 005) get the same pauses from their threads as every change keeps.
  const kept = async (): Promise<unknown[]> => (await sql<{ pauses: unknown }>`select pauses from support.tickets order by number`.execute(db.db)).rows.map((row) => row.pauses);
  const before = await kept();
  assert.ok(before.some((pauses) => (pauses as unknown[]).length > 0));
  const backfill = (await readFile(new URL('./migrations/005_clock_pauses.sql', import.meta.url), 'utf8')).split(/^alter table .*$/m)[1] as string;
  await sql.raw(`update support.tickets set pauses = '[]'; ${backfill}`).execute(db.db);
  assert.deepEqual(await kept(), before);
});
