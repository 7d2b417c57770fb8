/** The SQL of ideas, and nothing else. */
import { sql, type Generated, type Kysely } from 'kysely';

export type IdeaState = 'proposed' | 'under_review' | 'planned' | 'done' | 'declined';

interface IdeasTable {
  id: Generated<string>;
  service_id: string;
  institution_id: string;
  author: string;
  title: string;
  body: string;
  state: Generated<IdeaState>;
  state_reason: string | null;
  state_changed_at: Date | null;
  supporters: Generated<number>;
  created_at: Date;
  hidden_reason: string | null;
  hidden_at: Date | null;
}

interface IdeaSupportsTable {
  idea_id: string;
  personal_code: string;
  created_at: Date;
}

export interface IdeasTables {
  'participation.ideas': IdeasTable;
  'participation.idea_supports': IdeaSupportsTable;
}

export type IdeasDb = Kysely<IdeasTables>;
export type IdeaRow = { id: string; service_id: string; institution_id: string; author: string; title: string; body: string; state: IdeaState; state_reason: string | null; state_changed_at: Date | null; supporters: number; created_at: Date; hidden_reason: string | null; hidden_at: Date | null };

export async function insertIdea(db: IdeasDb, row: Pick<IdeaRow, 'service_id' | 'institution_id' | 'author' | 'title' | 'body' | 'created_at'>): Promise<IdeaRow> {
  return db.insertInto('participation.ideas').values({ ...row, state_reason: null, state_changed_at: null, hidden_reason: null, hidden_at: null }).returningAll().executeTakeFirstOrThrow();
}

export async function findIdea(db: IdeasDb, id: string): Promise<IdeaRow | undefined> {
  return db.selectFrom('participation.ideas').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Records one person's support; false when they had given it already. */
export async function addSupport(db: IdeasDb, ideaId: string, personalCode: string, at: Date): Promise<boolean> {
  const row = await db
    .insertInto('participation.idea_supports')
    .values({ idea_id: ideaId, personal_code: personalCode, created_at: at })
    .onConflict((conflict) => conflict.doNothing())
    .returning('idea_id')
    .executeTakeFirst();
  if (!row) return false;
  await db.updateTable('participation.ideas').set({ supporters: sql`supporters + 1` }).where('id', '=', ideaId).execute();
  return true;
}

export async function supports(db: IdeasDb, ideaId: string, personalCode: string): Promise<boolean> {
  return (await db.selectFrom('participation.idea_supports').select('idea_id').where('idea_id', '=', ideaId).where('personal_code', '=', personalCode).executeTakeFirst()) !== undefined;
}

export async function setState(db: IdeasDb, id: string, state: IdeaState, reason: string, at: Date): Promise<IdeaRow | undefined> {
  return db.updateTable('participation.ideas').set({ state, state_reason: reason, state_changed_at: at }).where('id', '=', id).returningAll().executeTakeFirst();
}

export async function hide(db: IdeasDb, id: string, reason: string, at: Date): Promise<IdeaRow | undefined> {
  return db.updateTable('participation.ideas').set({ hidden_reason: reason, hidden_at: at }).where('id', '=', id).returningAll().executeTakeFirst();
}

export async function listIdeas(db: IdeasDb, filter: { serviceId?: string; institutionIds?: string[]; author?: string; visibleOnly?: boolean; order: 'newest' | 'supported'; limit: number }): Promise<IdeaRow[]> {
  let query = db.selectFrom('participation.ideas').selectAll();
  if (filter.visibleOnly) query = query.where('hidden_at', 'is', null);
  if (filter.serviceId) query = query.where('service_id', '=', filter.serviceId);
  if (filter.institutionIds) {
    if (filter.institutionIds.length === 0) return [];
    query = query.where('institution_id', 'in', filter.institutionIds);
  }
  if (filter.author) query = query.where('author', '=', filter.author);
  query = filter.order === 'supported' ? query.orderBy('supporters', 'desc').orderBy('created_at', 'desc') : query.orderBy('created_at', 'desc');
  return query.orderBy('id').limit(filter.limit).execute();
}
