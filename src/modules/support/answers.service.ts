/**
 * Answers written once and used again (P13): a service's frequently asked
 * questions (its institution's service managers and agents write them; the
 * service's page shows them) and prepared answers of a queue, with the
 * placeholders {name} and {number}.
 */
import * as errors from './support.errors.js';
import * as repo from './support.repo.js';
import type { Db } from './support.repo.js';
import { isUuid } from '../../platform/db/ids.js';

type Text = { lv: string; en: string };
const MAX_MESSAGE = 5000;

/** A frequently asked question of a service, with its answer. */
export interface Faq {
  id: string;
  serviceId: string;
  question: Text;
  answer: Text;
}

/** A prepared answer of a queue (null: first line), with the placeholders {name} and {number}. */
export interface CannedAnswer {
  id: string;
  queueInstitutionId: string | null;
  title: string;
  body: Text;
}

/** A prepared answer filled in for one ticket, in the ticket's language. */
export function fillCanned(answer: CannedAnswer, ticket: { number: number; language: 'lv' | 'en' }, name: string): string {
  return answer.body[ticket.language].replace(/\{name\}/g, name).replace(/\{number\}/g, String(ticket.number));
}

/** Who writes: the agent's queues (prepared answers), or the institutions a staff member writes FAQ for. */
interface AgentQueues {
  personalCode: string;
  institutions: string[];
  firstLine: boolean;
}

export interface AnswersService {
  /** the service's frequently asked questions, oldest first */
  faqs(serviceId: string): Promise<Faq[]>;
  /** adds one; `institutions` are those the staff member writes for (the service must be one of theirs) */
  addFaq(author: { personalCode: string; institutions: string[] }, serviceId: string, entry: { question: Text; answer: Text }): Promise<void>;
  deleteFaq(author: { personalCode: string; institutions: string[] }, serviceId: string, id: string): Promise<void>;
  /** prepared answers of the agent's queues */
  cannedAnswers(agent: AgentQueues): Promise<CannedAnswer[]>;
  addCannedAnswer(agent: AgentQueues, answer: Omit<CannedAnswer, 'id'>): Promise<void>;
  deleteCannedAnswer(agent: AgentQueues, id: string): Promise<void>;
}

function cleanText(text: string, pointer: string): string {
  const clean = text.replace(/\r\n/g, '\n').trim();
  if (clean.length === 0 || clean.length > MAX_MESSAGE) throw errors.invalid(`1 to ${MAX_MESSAGE} characters`, pointer);
  return clean;
}

export interface AnswersDeps {
  root: Db;
  serviceInstitution(serviceId: string): Promise<string | undefined>;
  seesQueue(agent: AgentQueues, queue: string | null): boolean;
  /** hands a service's FAQ text (its questions and answers, per language) to the catalog's search, which keeps it */
  faqSearchText?(serviceId: string, text: Text): Promise<void>;
}

export function createAnswers(deps: AnswersDeps): AnswersService {
  const { root, seesQueue } = deps;
  const faqsOf = async (serviceId: string): Promise<Faq[]> =>
    (await repo.faqsOf(root, serviceId)).map((row) => ({ id: row.id, serviceId: row.service_id, question: { lv: row.question_lv, en: row.question_en }, answer: { lv: row.answer_lv, en: row.answer_en } }));
  /** After a change, the catalog's search finds the service by its FAQ's words (the whole text again: a deletion shrinks it). */
  const reindex = async (serviceId: string): Promise<void> => {
    if (!deps.faqSearchText) return;
    const faqs = await faqsOf(serviceId);
    const textIn = (lang: 'lv' | 'en'): string => faqs.map((faq) => `${faq.question[lang]} ${faq.answer[lang]}`).join(' ');
    await deps.faqSearchText(serviceId, { lv: textIn('lv'), en: textIn('en') });
  };
  return {
    async faqs(serviceId) {
      if (!isUuid(serviceId)) return [];
      return faqsOf(serviceId);
    },

    async addFaq(author, serviceId, entry) {
      const institution = isUuid(serviceId) ? await deps.serviceInstitution(serviceId) : undefined;
      if (!institution || !author.institutions.includes(institution)) throw errors.ticketNotFound();
      const text = (value: string, pointer: string, max: number): string => {
        const clean = value.trim();
        if (!clean || clean.length > max) throw errors.invalid(`up to ${max} characters`, pointer);
        return clean;
      };
      await repo.insertFaq(root, {
        service_id: serviceId,
        question_lv: text(entry.question.lv, '#/question/lv', 300),
        question_en: text(entry.question.en, '#/question/en', 300),
        answer_lv: text(entry.answer.lv, '#/answer/lv', MAX_MESSAGE),
        answer_en: text(entry.answer.en, '#/answer/en', MAX_MESSAGE),
        created_by: author.personalCode,
      });
      await reindex(serviceId);
    },

    async deleteFaq(author, serviceId, id) {
      const institution = isUuid(serviceId) ? await deps.serviceInstitution(serviceId) : undefined;
      if (!institution || !author.institutions.includes(institution)) throw errors.ticketNotFound();
      if (!isUuid(id)) return;
      await repo.deleteFaq(root, id, serviceId);
      await reindex(serviceId);
    },

    async cannedAnswers(agent) {
      const rows = await repo.cannedAnswers(root, { institutions: agent.institutions, firstLine: agent.firstLine });
      return rows.map((row) => ({ id: row.id, queueInstitutionId: row.institution_id, title: row.title, body: { lv: row.body_lv, en: row.body_en } }));
    },

    async addCannedAnswer(agent, answer) {
      if (!seesQueue(agent, answer.queueInstitutionId)) throw errors.invalid('one of your queues', '#/queue');
      const title = answer.title.trim();
      if (!title || title.length > 120) throw errors.invalid('a title of up to 120 characters', '#/title');
      const lv = cleanText(answer.body.lv, '#/body/lv');
      const en = cleanText(answer.body.en, '#/body/en');
      await repo.insertCanned(root, { institution_id: answer.queueInstitutionId, title, body_lv: lv, body_en: en });
    },

    async deleteCannedAnswer(agent, id) {
      if (!isUuid(id)) return;
      const mine = await repo.cannedAnswers(root, { institutions: agent.institutions, firstLine: agent.firstLine });
      if (mine.some((row) => row.id === id)) await repo.deleteCanned(root, id);
    },
  };
}
