/**
 * Ideas for improving a service (P14): a signed-in person proposes one (text
 * masked like all free text here); others support it, one vote each; the
 * service managers of the service's institution answer with a state and its
 * reason; the public list per service shows them newest or most supported,
 * never who wrote them; the author sees their ideas' states.
 */
import type { RootDb } from '../../platform/db/database.js';
import { inTransaction } from '../../platform/db/database.js';
import { publish } from '../../platform/jobs/outbox.js';
import type { CatalogService, Institution, Service } from '../catalog/index.js';
import * as errors from './participation.errors.js';
import { IDEA_PROPOSED, IDEA_STATE_CHANGED, ideaEvent } from './participation.events.js';
import { maskPersonalData } from './participation.privacy.js';
import * as repo from './ideas.repo.js';
import type { IdeaRow, IdeasDb, IdeaState } from './ideas.repo.js';
import { isUuid } from '../../platform/db/ids.js';

export type { IdeaState } from './ideas.repo.js';
export const IDEA_STATES: readonly IdeaState[] = ['proposed', 'under_review', 'planned', 'done', 'declined'];
/** The states an institution sets (an idea starts as proposed). */
export const ANSWER_STATES: readonly IdeaState[] = ['under_review', 'planned', 'done', 'declined'];

export interface Idea {
  id: string;
  serviceId: string;
  institutionId: string;
  title: string;
  body: string;
  state: IdeaState;
  stateReason: string | null;
  stateChangedAt: string | null;
  supporters: number;
  createdAt: string;
  /** hidden by a platform administrator, and why (only the author and staff see hidden ideas) */
  hiddenReason: string | null;
}

export interface IdeasService {
  proposeIdea(personalCode: string, serviceRef: string, input: { title: string; body: string }): Promise<Idea>;
  supportIdea(personalCode: string, ideaId: string): Promise<Idea>;
  /** Sets the state with its reason; only for managers of the idea's institution (`institutionIds`). */
  setIdeaState(manager: { personalCode: string; institutionIds: string[] }, ideaId: string, state: IdeaState, reason: string): Promise<Idea>;
  /** Hides an idea from every list but its author's, with the reason the author sees (platform administrators only). */
  hideIdea(moderator: { personalCode: string; platformAdmin: boolean }, ideaId: string, reason: string): Promise<Idea>;
  /** One idea; a hidden one only for its author (`viewer`). */
  getIdea(ideaId: string, viewer?: string): Promise<Idea>;
  /** Whether the person supports the idea or wrote it (for the support button). */
  standing(personalCode: string, ideaId: string): Promise<{ author: boolean; supports: boolean }>;
  ideasOfService(serviceRef: string, order?: 'newest' | 'supported'): Promise<{ service: Service; ideas: Idea[] }>;
  ideasOfInstitution(institutionRef: string, order?: 'newest' | 'supported'): Promise<{ institution: Institution; services: Service[]; ideas: Idea[] }>;
  myIdeas(personalCode: string): Promise<Idea[]>;
  ideasFor(institutionIds: string[], serviceId?: string): Promise<Idea[]>;
}

const digits = (code: string): string => code.replace(/\D/g, '');

const toIdea = (row: IdeaRow): Idea => ({
  id: row.id,
  serviceId: row.service_id,
  institutionId: row.institution_id,
  title: row.title,
  body: row.body,
  state: row.state,
  stateReason: row.state_reason,
  stateChangedAt: row.state_changed_at ? row.state_changed_at.toISOString() : null,
  supporters: row.supporters,
  createdAt: row.created_at.toISOString(),
  hiddenReason: row.hidden_at ? row.hidden_reason : null,
});

export function createIdeasService(root: IdeasDb, options: { catalog: Pick<CatalogService, 'lookup' | 'getInstitution' | 'getMany'>; now: () => Date }): IdeasService {
  const { catalog, now } = options;
  const person = (code: string): string => {
    const key = digits(code);
    if (key.length !== 11) throw errors.invalidIdea('not a personal code', '#/personalCode');
    return `${key.slice(0, 6)}-${key.slice(6)}`;
  };
  const serviceOf = async (ref: string): Promise<Service> => {
    const found = await catalog.lookup(ref).catch(() => undefined);
    if (!found || found.kind === 'missing') throw errors.unknownService(ref);
    return found.service;
  };
  const find = async (id: string): Promise<IdeaRow> => {
    const row = isUuid(id) ? await repo.findIdea(root, id) : undefined;
    if (!row) throw errors.ideaNotFound();
    return row;
  };
  const data = (row: IdeaRow) => ({ ideaId: row.id, serviceId: row.service_id, institutionId: row.institution_id, author: row.author, title: row.title, state: row.state, reason: row.state_reason });

  return {
    async proposeIdea(personalCode, serviceRef, input) {
      const author = person(personalCode);
      const title = maskPersonalData(input.title.trim());
      const body = maskPersonalData(input.body.trim());
      if (!title) throw errors.invalidIdea('give the idea a title', '#/title');
      if (title.length > 120) throw errors.invalidIdea('at most 120 characters', '#/title');
      if (!body) throw errors.invalidIdea('describe the idea', '#/body');
      if (body.length > 4000) throw errors.invalidIdea('at most 4000 characters', '#/body');
      const service = await serviceOf(serviceRef);
      return inTransaction(root, async (trx) => {
        const row = await repo.insertIdea(trx, { service_id: service.id, institution_id: service.institutionId, author, title, body, created_at: now() });
        await publish(trx as unknown as RootDb, ideaEvent(IDEA_PROPOSED, data(row), { kind: 'person', id: author }, now()));
        return toIdea(row);
      });
    },

    async supportIdea(personalCode, ideaId) {
      const supporter = person(personalCode);
      const idea = await find(ideaId);
      if (idea.hidden_at) throw errors.ideaNotFound();
      if (idea.author === supporter) throw errors.ownIdea();
      return inTransaction(root, async (trx) => {
        if (!(await repo.addSupport(trx, idea.id, supporter, now()))) throw errors.alreadySupported();
        return toIdea((await repo.findIdea(trx, idea.id)) as IdeaRow);
      });
    },

    async setIdeaState(manager, ideaId, state, reason) {
      const idea = await find(ideaId);
      if (!manager.institutionIds.includes(idea.institution_id)) throw errors.notIdeaManager();
      if (!ANSWER_STATES.includes(state)) throw errors.invalidIdea('under_review, planned, done or declined', '#/state');
      const text = maskPersonalData(reason.trim());
      if (!text) throw errors.invalidIdea('say why', '#/reason');
      if (text.length > 2000) throw errors.invalidIdea('at most 2000 characters', '#/reason');
      return inTransaction(root, async (trx) => {
        const row = (await repo.setState(trx, idea.id, state, text, now())) as IdeaRow;
        await publish(trx as unknown as RootDb, ideaEvent(IDEA_STATE_CHANGED, data(row), { kind: 'person', id: person(manager.personalCode) }, now()));
        return toIdea(row);
      });
    },

    async hideIdea(moderator, ideaId, reason) {
      if (!moderator.platformAdmin) throw errors.notModerator();
      const idea = await find(ideaId);
      const text = maskPersonalData(reason.trim());
      if (!text || text.length > 2000) throw errors.invalidIdea('say why (at most 2000 characters)', '#/reason');
      return toIdea((await repo.hide(root, idea.id, text, now())) as IdeaRow);
    },

    async getIdea(ideaId, viewer) {
      const idea = await find(ideaId);
      if (idea.hidden_at && (!viewer || person(viewer) !== idea.author)) throw errors.ideaNotFound();
      return toIdea(idea);
    },

    async standing(personalCode, ideaId) {
      const idea = await find(ideaId);
      const code = person(personalCode);
      return { author: idea.author === code, supports: await repo.supports(root, idea.id, code) };
    },

    async ideasOfService(serviceRef, order = 'newest') {
      const service = await serviceOf(serviceRef);
      return { service, ideas: (await repo.listIdeas(root, { serviceId: service.id, visibleOnly: true, order, limit: 200 })).map(toIdea) };
    },

    async ideasOfInstitution(institutionRef, order = 'newest') {
      const institution = await catalog.getInstitution(institutionRef).catch(() => undefined);
      if (!institution) throw errors.unknownInstitution(institutionRef);
      const ideas = (await repo.listIdeas(root, { institutionIds: [institution.id], visibleOnly: true, order, limit: 200 })).map(toIdea);
      return { institution, services: await catalog.getMany([...new Set(ideas.map((idea) => idea.serviceId))]), ideas };
    },

    async myIdeas(personalCode) {
      return (await repo.listIdeas(root, { author: person(personalCode), order: 'newest', limit: 200 })).map(toIdea);
    },

    async ideasFor(institutionIds, serviceId) {
      return (await repo.listIdeas(root, { institutionIds: institutionIds.filter((id) => isUuid(id)), ...(serviceId && isUuid(serviceId) ? { serviceId } : {}), order: 'newest', limit: 500 })).map(toIdea);
    },
  };
}
