/**
 * The rules of the support desk (P13).
 *
 * Routing: a question about a service, or about an application of a service,
 * goes to the queue of the institution that provides it; a general one to
 * first-line platform support (queue null), which may transfer it to an
 * institution. The thread stays one; the transfer is an entry in it that the
 * person sees.
 *
 * Who sees a ticket: the party it belongs to (the person, or the company or
 * person they act for), and the support agents of its queue's institution (or,
 * in the first line, platform-wide agents). Anyone else is told it does not
 * exist. Internal notes never reach the person.
 *
 * Response-time targets: each institution's first reply and resolution, in
 * Latvian working days counted as lead times are (the applications module's
 * `expectedCompletion`); the resolution clock stands still while the ticket
 * awaits the person (from an agent's reply to the person's answer).
 *
 * A visitor (signed out) gives a name and an e-mail address; the question
 * waits, unconfirmed, until the link sent there is followed, and only then
 * reaches a queue. Requests are limited per address and per network.
 */
import { isUuid } from '../../platform/db/ids.js';
import { DEFAULT_TARGETS } from './support.clock.js';
import { statisticsOf } from './statistics.service.js';
import { createAnswers } from './answers.service.js';
import * as errors from './support.errors.js';
import * as repo from './support.repo.js';
import { createCore } from './tickets.core.js';
import { createThreads } from './threads.service.js';
import { createDesk } from './desk.service.js';
import type { SupportDeps, SupportService } from './support.types.js';

export * from './support.types.js';
export { networkOf } from './tickets.core.js';

/** The support desk: its configuration (subjects, targets), statistics and answers here; the person's side and the agent's side in their own files. */
export function createSupportService(deps: SupportDeps): SupportService {
  const core = createCore(deps);
  const { root, now, subjectList, targetsFor, refreshQueueDues, writeTickets, seesQueue } = core;
  return {
    ...createAnswers({ root, serviceInstitution: deps.serviceInstitution, seesQueue, ...(deps.faqSearchText ? { faqSearchText: deps.faqSearchText } : {}) }),
    subjects: () => subjectList(),
    allSubjects: () => subjectList(true),

    async saveSubject(subject) {
      if (!/^[a-z][a-z0-9-]{0,39}$/.test(subject.code)) throw errors.invalid('lowercase letters, digits and hyphens, starting with a letter', '#/code');
      const lv = subject.label.lv.trim();
      const en = subject.label.en.trim();
      if (!lv || lv.length > 120) throw errors.invalid('a label of up to 120 characters', '#/label/lv');
      if (!en || en.length > 120) throw errors.invalid('a label of up to 120 characters', '#/label/en');
      await repo.saveSubject(root, { code: subject.code, label_lv: lv, label_en: en, active: subject.active });
      core.forgetSubjects();
    },

    async targets(institutionId) {
      return (await targetsFor([institutionId])).get(institutionId) ?? DEFAULT_TARGETS;
    },

    async setTargets(institutionId, targets) {
      if (!isUuid(institutionId)) throw errors.invalid('not an institution', '#/institution');
      if (!Number.isInteger(targets.firstReplyDays) || targets.firstReplyDays < 1 || targets.firstReplyDays > 60) throw errors.invalid('1 to 60 working days', '#/firstReplyDays');
      if (!Number.isInteger(targets.resolutionDays) || targets.resolutionDays < targets.firstReplyDays || targets.resolutionDays > 120)
        throw errors.invalid('from the first-reply target to 120 working days', '#/resolutionDays');
      await writeTickets(async (trx) => {
        await repo.saveTargets(trx, institutionId, targets.firstReplyDays, targets.resolutionDays);
        // The queue's open tickets fall due by the new targets.
        await refreshQueueDues(trx, institutionId, targets);
      });
    },

    async statistics(month) {
      return statisticsOf(root, month, (await subjectList(true)).map((subject) => subject.code), now());
    },

    ...createThreads(core),
    ...createDesk(core),
  };
}
