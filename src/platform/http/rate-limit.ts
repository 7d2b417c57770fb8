/**
 * Rate limits shared by every instance, kept in the database: a token bucket
 * per key as GCRA (the generic cell rate algorithm) stores it — one
 * "theoretical arrival time" per key, moved on by one interval per request; a
 * request is refused when that time runs more than the burst ahead of now.
 * One upsert per request, on an unlogged table (platform.rate_limits).
 *
 * Replies carry the IETF RateLimit fields (draft-ietf-httpapi-ratelimit-headers):
 * `RateLimit-Policy: "api";q=3000;w=60` and `RateLimit: "api";r=<left>;t=<seconds>`,
 * and a refusal `Retry-After` as well.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import { sql } from 'kysely';
import type { RootDb } from '../db/database.js';
import { groupCommit } from '../db/group-commit.js';
import { AppError } from '../errors.js';

export interface RatePolicy {
  /** the policy's name in the RateLimit fields */
  name: string;
  /** sustained requests a minute */
  perMinute: number;
  /** requests that may come at once on a full bucket */
  burst: number;
}

export interface RateDecision {
  allowed: boolean;
  policy: RatePolicy;
  /** requests left right now */
  remaining: number;
  /** seconds until the bucket is full again */
  resetSeconds: number;
  /** seconds until a refused request would be allowed (0 when allowed) */
  retryAfterSeconds: number;
}

export interface RateLimiter {
  /** counts one request against `key`, unless the bucket is empty */
  take(key: string, policy: RatePolicy): Promise<RateDecision>;
  /** the bucket's state, counting nothing */
  peek(key: string, policy: RatePolicy): Promise<RateDecision>;
  /** the state of every bucket whose key starts with `prefix` and is not full (e.g. one client's families), counting nothing */
  peekAll(prefix: string, policy: RatePolicy): Promise<{ key: string; decision: RateDecision }[]>;
}

const interval = (policy: RatePolicy): number => 60 / policy.perMinute;

function decision(policy: RatePolicy, allowed: boolean, ahead: number): RateDecision {
  const step = interval(policy);
  const capacity = policy.burst * step;
  return {
    allowed,
    policy,
    remaining: Math.max(0, Math.floor((capacity - ahead) / step + 1e-9)),
    resetSeconds: Math.max(0, Math.ceil(ahead)),
    retryAfterSeconds: allowed ? 0 : Math.max(1, Math.ceil(ahead + step - capacity)),
  };
}

/** One request's take of a bucket, waiting to be written with the others of its key; the decision is filled in. */
interface Take {
  decision?: RateDecision;
}

export function createRateLimiter(db: RootDb): RateLimiter {
  let calls = 0;

  /**
   * Takes `count` cells of the bucket at once if all of them fit: the time moves on by `count` intervals, as
   * `count` takes in a row would move it. The time it reached, relative to now, or undefined when they do not fit.
   */
  const takeCells = async (key: string, policy: RatePolicy, count: number): Promise<number | undefined> => {
    const step = interval(policy);
    const capacity = policy.burst * step;
    const taken = await sql<{ ahead: number }>`
      insert into platform.rate_limits as r (key, tat) values (${key}, now() + make_interval(secs => ${step}) * ${count}::int)
      on conflict (key) do update set tat = greatest(r.tat, now()) + make_interval(secs => ${step}) * ${count}::int
        where greatest(r.tat, now()) + make_interval(secs => ${step}) * ${count}::int <= now() + make_interval(secs => ${capacity})
      returning extract(epoch from (tat - now()))::float8 as ahead`.execute(db);
    return taken.rows[0]?.ahead;
  };

  /**
   * The takes of one key that came while its last write was under way, written together: one statement for all
   * when they all fit (each decided as if taken one after another, in their order), else one by one, each allowed
   * or refused as it would have been alone. A client's bucket is one row: its concurrent requests had queued on
   * the row's lock, one statement each.
   */
  const writeTakes = async (key: string, policy: RatePolicy, takes: Take[]): Promise<void> => {
    const step = interval(policy);
    const together = takes.length > 1 && takes.length <= policy.burst ? await takeCells(key, policy, takes.length) : undefined;
    if (together !== undefined) {
      takes.forEach((take, index) => (take.decision = decision(policy, true, together - (takes.length - 1 - index) * step)));
      return;
    }
    for (const take of takes) {
      const ahead = await takeCells(key, policy, 1);
      take.decision = ahead !== undefined ? decision(policy, true, ahead) : { ...(await limiter.peek(key, policy)), allowed: false };
    }
  };

  /** A group commit per key and policy while it has takes in flight (forgotten when it has none). */
  const groups = new Map<string, { commit: (take: Take) => Promise<void>; inFlight: number }>();

  const limiter: RateLimiter = {
    async take(key, policy) {
      // A full bucket needs no row: now and then, forget the keys that are full again.
      if (++calls % 1000 === 0) await sql`delete from platform.rate_limits where tat < now()`.execute(db);
      const id = `${key}\u0000${policy.perMinute}\u0000${policy.burst}`;
      let group = groups.get(id);
      if (!group) groups.set(id, (group = { commit: groupCommit((takes: Take[]) => writeTakes(key, policy, takes)), inFlight: 0 }));
      group.inFlight++;
      const take: Take = {};
      try {
        await group.commit(take);
      } finally {
        if (--group.inFlight === 0) groups.delete(id);
      }
      return take.decision as RateDecision;
    },
    async peek(key, policy) {
      const result = await sql<{ ahead: number }>`
        select greatest(extract(epoch from (tat - now()))::float8, 0) as ahead from platform.rate_limits where key = ${key}`.execute(db);
      const ahead = result.rows[0]?.ahead ?? 0;
      const step = interval(policy);
      return decision(policy, ahead + step <= policy.burst * step + 1e-9, ahead);
    },
    async peekAll(prefix, policy) {
      const step = interval(policy);
      const result = await sql<{ key: string; ahead: number }>`
        select key, extract(epoch from (tat - now()))::float8 as ahead from platform.rate_limits
        where left(key, ${prefix.length}) = ${prefix} and tat > now() order by key limit 100`.execute(db);
      return result.rows.map((row) => ({ key: row.key, decision: decision(policy, row.ahead + step <= policy.burst * step + 1e-9, row.ahead) }));
    },
  };
  return limiter;
}

/** Sets the RateLimit fields (and Retry-After on a refusal) on a reply. */
export function setRateLimitHeaders(reply: FastifyReply, decided: RateDecision): void {
  const { policy } = decided;
  reply.header('ratelimit-policy', `"${policy.name}";q=${policy.perMinute};w=60;burst=${policy.burst}`);
  reply.header('ratelimit', `"${policy.name}";r=${decided.remaining};t=${decided.resetSeconds}`);
  if (!decided.allowed) reply.header('retry-after', String(decided.retryAfterSeconds));
}

/** The 429 problem of a refused request. */
export function rateLimited(decided: RateDecision, what: string): AppError {
  return new AppError('rate-limit.exceeded', 'rate_limited', `${what}: at most ${decided.policy.perMinute} a minute (bursts of ${decided.policy.burst}). Try again in ${decided.retryAfterSeconds} s.`);
}

/** The family of an API call, for its own bucket: `/api/v1/applications/…` → `applications`. */
export function familyOf(url: string): string {
  return /^\/api\/v\d+\/([a-z-]+)/.exec(url)?.[1] ?? 'api';
}

/**
 * Every API request made with a token counts against its client's bucket for
 * that family of calls (a client's status ingest does not starve its reads);
 * `policyOf` gives a client's own policy when an administrator set one.
 */
export function installClientRateLimit(app: FastifyInstance, limiter: RateLimiter, policyOf: (client: string) => RatePolicy | Promise<RatePolicy>): void {
  app.clientRateLimit = async (request, reply) => {
    const client = request.principal?.client;
    if (!client || !request.url.startsWith('/api/')) return;
    const decided = await limiter.take(`api:${client}:${familyOf(request.url)}`, await policyOf(client));
    setRateLimitHeaders(reply, decided);
    if (!decided.allowed) throw rateLimited(decided, `Too many requests from client ${client}`);
  };
}
