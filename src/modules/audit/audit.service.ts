/**
 * Writing and reading the audit trail. `record` takes the executor to write
 * with, so an audited change and its audit row commit (or roll back) together;
 * the database chains the row as it is inserted (see chain.service.ts).
 */
import { type Generated, type Insertable, type Kysely, type RawBuilder, type Selectable, sql } from 'kysely';
import { groupCommit } from '../../platform/db/group-commit.js';

interface EventsTable {
  id: Generated<string>;
  occurred_at: Generated<Date>;
  actor: string;
  on_behalf_of: string | null;
  action: string;
  target: string | null;
  ip: string | null;
  user_agent: string | null;
  details: Record<string, unknown>;
  // Set by the chaining trigger (migrations/002_chain.sql), never by a writer.
  seq: Generated<string>;
  prev_hash: Generated<string>;
  hash: Generated<string>;
}

interface ChainHeadTable {
  singleton: Generated<boolean>;
  seq: string;
  hash: string;
}

export interface AuditTables {
  'audit.events': EventsTable;
  'audit.chain_head': ChainHeadTable;
}

export interface AuditEntry {
  actor: string;
  onBehalfOf?: string | null;
  action: string;
  target?: string | null;
  ip?: string | null;
  userAgent?: string | null;
  details?: Record<string, unknown>;
}

export interface AuditRecord extends Required<Omit<AuditEntry, 'details'>> {
  id: string;
  occurredAt: string;
  details: Record<string, unknown>;
}

export interface AuditQuery {
  actor?: string;
  target?: string;
  onBehalfOf?: string;
  action?: string;
  limit?: number;
}

/** What others did with a party's data: entries about it (its targets), or on its behalf, by anyone but `excludeActors`. */
export interface AccessQuery {
  party: string;
  /** the audit targets that are the party's data: `party:<id>`, its applications (`application:<id>`)… */
  targets: string[];
  excludeActors: string[];
  limit?: number;
}

export interface AuditService {
  /** writes one entry with `db` (pass a transaction to tie it to the change it records) */
  record(entry: AuditEntry, db?: Kysely<AuditTables>): Promise<void>;
  list(query: AuditQuery): Promise<AuditRecord[]>;
  /** the data-access log of a party, newest first */
  accessesTo(query: AccessQuery): Promise<AuditRecord[]>;
}

/** A row as inserted: `details` as a jsonb expression (the chaining trigger hashes jsonb's own text of it). */
type Row = Omit<Insertable<EventsTable>, 'details'> & { details: RawBuilder<Record<string, unknown>> };

function rowOf(entry: AuditEntry): Row {
  return {
    actor: entry.actor,
    on_behalf_of: entry.onBehalfOf ?? null,
    action: entry.action,
    target: entry.target ?? null,
    ip: entry.ip ?? null,
    user_agent: entry.userAgent ? entry.userAgent.slice(0, 500) : null,
    details: sql<Record<string, unknown>>`${JSON.stringify(entry.details ?? {})}::jsonb`,
  };
}

/**
 * Group commit for entries written outside a transaction (reads of personal
 * data, mostly). Every append takes the chain head's row lock until commit, so
 * one transaction per entry serialised all readers behind each other's commit.
 * Entries that arrive while a write is in flight go together in the next one.
 */
function groupCommitter(root: Kysely<AuditTables>): (row: Row) => Promise<void> {
  const insert = async (rows: Row[]): Promise<void> => {
    await root.insertInto('audit.events').values(rows).execute();
  };
  return groupCommit(insert, { alone: (row) => insert([row]) });
}

/** One committer per database handle: the services made per call share it. */
const committers = new WeakMap<object, (row: Row) => Promise<void>>();

function toRecord(row: Selectable<EventsTable>): AuditRecord {
  return {
    id: String(row.id),
    occurredAt: row.occurred_at.toISOString(),
    actor: row.actor,
    onBehalfOf: row.on_behalf_of,
    action: row.action,
    target: row.target,
    ip: row.ip,
    userAgent: row.user_agent,
    details: row.details,
  };
}

export function createAuditService(root: Kysely<AuditTables>): AuditService {
  return {
    async record(entry, db = root) {
      // In a transaction the entry commits (or rolls back) with the change it records.
      if (db.isTransaction) {
        await db.insertInto('audit.events').values(rowOf(entry)).execute();
        return;
      }
      let commit = committers.get(db);
      if (!commit) committers.set(db, (commit = groupCommitter(db)));
      await commit(rowOf(entry));
    },

    async accessesTo(query) {
      const rows = await root
        .selectFrom('audit.events')
        .selectAll()
        .where((eb) => eb.or([eb('on_behalf_of', '=', query.party), eb('target', 'in', [...query.targets, `party:${query.party}`, `person:${query.party}`])]))
        .where('actor', 'not in', query.excludeActors.length > 0 ? query.excludeActors : [''])
        .orderBy('occurred_at', 'desc')
        .orderBy('seq', 'desc')
        .limit(Math.min(Math.max(query.limit ?? 100, 1), 500))
        .execute();
      return rows.map(toRecord);
    },

    async list(query) {
      let select = root.selectFrom('audit.events').selectAll();
      if (query.actor) select = select.where('actor', '=', query.actor);
      if (query.target) select = select.where('target', '=', query.target);
      if (query.onBehalfOf) select = select.where('on_behalf_of', '=', query.onBehalfOf);
      if (query.action) select = select.where('action', '=', query.action);
      const rows = await select
        .orderBy('id', 'desc')
        .limit(Math.min(Math.max(query.limit ?? 100, 1), 1000))
        .execute();
      return rows.map(toRecord);
    },
  };
}
