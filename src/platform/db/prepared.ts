/**
 * Server-side prepared statements for the statements a process sends again and
 * again, as PostgreSQL's JDBC driver does (its prepareThreshold) and pgx caches
 * them: from the PREPARE_AFTER-th time a statement's text is sent with
 * parameters it goes under a name, so each connection parses it once and
 * PostgreSQL may keep its plan (a generic plan, once that costs no more than the
 * custom ones) instead of parsing and planning it on every call. Planning was
 * most of the server's work on a read: measured per statement on 1,000,000
 * applications, backend CPU unnamed → named: a bearer token's look-up
 * 0.75 → 0.20 ms, a right's grounds 0.50 → 0.15 ms, a citizen's list
 * 1.65 → 0.80 ms, the queue's pages 1.1–5.4 → 0.25–1.15 ms.
 *
 * Only for the PostgreSQL server (PGlite plans in-process, for one connection),
 * only for statements sent with a promise and a parameter list (Kysely's; a
 * callback query, e.g. pg-boss's through pool.query, is left as it is), only
 * plain SELECT/INSERT/UPDATE/DELETE/WITH texts, and at most MAX_NAMED texts a
 * process, so varying texts (IN lists of every length) never fill a backend's
 * memory.
 */
import { sql } from 'kysely';
import pg from 'pg';

/** pgjdbc's default prepareThreshold: a text seen this often is worth a name. */
const PREPARE_AFTER = 5;
/** named texts per process (each connection holds at most these plans); the rest go unnamed */
const MAX_NAMED = 256;
/** texts counted before the count starts over (one-off texts must not pile up) */
const MAX_COUNTED = 10_000;

const PREPARABLE = /^\s*(select|insert|update|delete|with)\b/i;

/** SQLSTATE 0A000 "cached plan must not change result type": a migration changed a table under a kept `select *`. */
const isStalePlan = (error: unknown): boolean =>
  (error as { code?: string } | null)?.code === '0A000' && /cached plan must not change result type/.test((error as Error).message);

/** Which texts go under which name, for every connection of one pool. */
export class StatementNames {
  private readonly counts = new Map<string, number>();
  private readonly names = new Map<string, string>();
  private next = 0;

  /** the name `text` goes under, once it has been sent often enough (undefined: send it unnamed) */
  nameFor(text: string): string | undefined {
    const named = this.names.get(text);
    if (named !== undefined) return named;
    if (this.names.size >= MAX_NAMED || !PREPARABLE.test(text)) return undefined;
    const seen = (this.counts.get(text) ?? 0) + 1;
    if (seen < PREPARE_AFTER) {
      if (this.counts.size >= MAX_COUNTED) this.counts.clear();
      this.counts.set(text, seen);
      return undefined;
    }
    this.counts.delete(text);
    return this.rename(text);
  }

  /** a fresh name for `text` (its old one holds a plan that no longer fits): every connection parses it again */
  rename(text: string): string {
    const name = `pk_${++this.next}`;
    this.names.set(text, name);
    return name;
  }
}

type QueryResult = pg.QueryResult;

/**
 * A pool of clients that send the statements `names` has named as prepared
 * statements. When a kept plan no longer fits (a migration run by another
 * instance changed a table), the text gets a new name and the statement, which
 * did nothing, is sent again unnamed unless it was inside a transaction (which
 * the error has aborted: the caller's error, as without names).
 */
export function preparingPool(config: pg.PoolConfig, names = new StatementNames()): pg.Pool {
  class PreparingClient extends pg.Client {
    // pg's overloads cannot be overridden one by one: every form passes through, Kysely's (text, values) is named.
    override query(...args: unknown[]): never {
      const [text, values, callback] = args;
      const name = typeof text === 'string' && Array.isArray(values) && callback === undefined ? names.nameFor(text) : undefined;
      const query = super.query.bind(this) as (...passed: unknown[]) => unknown;
      if (name === undefined) return query(...args) as never;
      return (query({ name, text, values }) as Promise<QueryResult>).catch((error: unknown) => {
        if (!isStalePlan(error)) throw error;
        names.rename(text as string);
        if ((this as unknown as { _txStatus?: string })._txStatus !== 'I') throw error;
        return query(text, values) as Promise<QueryResult>;
      }) as never;
    }
  }
  return new pg.Pool({ ...config, Client: PreparingClient });
}

/**
 * A LIMIT written into a statement's text, not sent as a parameter: with a parameter there PostgreSQL costs a
 * prepared statement's generic plan as if the limit were unknown, finds it dearer than the custom ones and plans
 * the statement afresh on every call. Measured on the 1,000,000-application register: a queue page's statement took
 * 0.25 ms to plan and 0.25 ms to run; with its limits in the text it runs on the generic plan, the same plan as the
 * custom one. Offsets stay parameters (they do not change the cost), so the texts stay few: one per page size.
 */
export const literalLimit = (rows: number) => sql.lit(Math.max(0, Math.trunc(rows)));

/**
 * A literal LIMIT of at least `rows`, rounded up to a power of two: for limits that grow with the page's depth (a
 * queue's runs stop at offset + limit, its count at a cap past the page), where the exact number would make a new
 * text, and a new plan kept by every connection, for every page a client walks through. Rounded, a depth of up to a
 * million rows takes 20 texts; the caller cuts what it reads to the exact number.
 */
export const literalLimitAtLeast = (rows: number) => sql.lit(2 ** Math.ceil(Math.log2(Math.max(16, Math.trunc(rows)))));
