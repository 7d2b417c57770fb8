/**
 * Checking the hash chain of the audit trail. The database chains each entry as
 * it is written (migrations/002_chain.sql); this file recomputes every hash on
 * its own, from the stored fields, so a database whose trigger or function was
 * swapped still fails here. Read in one repeatable-read snapshot, so entries
 * appended while it walks neither break nor extend the walk.
 */
import { createHash } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import type { AuditTables } from './audit.service.js';

/** The hash a chain starts from (the first entry's `prev_hash`). */
export const GENESIS_HASH = '0'.repeat(64);
const VERSION = 'audit-chain-v1';
const BATCH = 1000;

/** One entry's fields in their canonical text form, as `audit.entry_hash` reads them. */
export interface ChainFields {
  seq: string;
  id: string;
  /** UTC, microseconds: `YYYY-MM-DDTHH:MM:SS.ffffffZ` */
  occurredAt: string;
  actor: string;
  onBehalfOf: string | null;
  action: string;
  target: string | null;
  ip: string | null;
  userAgent: string | null;
  /** jsonb's own text of `details` */
  details: string;
  prevHash: string;
}

/**
 * SHA-256 over the canonical serialisation: the version tag, then each field as
 * a tag byte (0 null, 1 value), its UTF-8 bytes and a closing 0 byte. Stored
 * text never holds a NUL byte, so no two entries serialise alike.
 */
export function entryHash(fields: ChainFields): string {
  const parts: Buffer[] = [Buffer.from(VERSION, 'utf8'), Buffer.of(0)];
  const ordered = [
    fields.seq, fields.id, fields.occurredAt, fields.actor, fields.onBehalfOf, fields.action,
    fields.target, fields.ip, fields.userAgent, fields.details, fields.prevHash,
  ];
  for (const field of ordered) {
    if (field === null) parts.push(Buffer.of(0, 0));
    else parts.push(Buffer.of(1), Buffer.from(field, 'utf8'), Buffer.of(0));
  }
  return createHash('sha256').update(Buffer.concat(parts)).digest('hex');
}

/** Where the chain breaks: the first entry that does not hold, and why. */
export interface ChainBreak {
  /** the entry's id, seq and time; absent when the trail is empty but its head says otherwise */
  entry?: { id: string; seq: string; occurredAt: string };
  reason: string;
}

export type ChainReport =
  | { intact: true; entries: number; head: { seq: string; hash: string } }
  | { intact: false; entries: number; broken: ChainBreak };

interface ChainRow {
  seq: string;
  id: string;
  occurred_at: string;
  actor: string;
  on_behalf_of: string | null;
  action: string;
  target: string | null;
  ip: string | null;
  user_agent: string | null;
  details: string;
  prev_hash: string;
  hash: string;
}

function describe(row: ChainRow): NonNullable<ChainBreak['entry']> {
  return { id: row.id, seq: row.seq, occurredAt: row.occurred_at };
}

/** Walks the whole trail in chain order and names the first entry that breaks it. */
export function verifyChain(db: Kysely<AuditTables>): Promise<ChainReport> {
  return db
    .transaction()
    .setIsolationLevel('repeatable read')
    .execute(async (trx): Promise<ChainReport> => {
      let previous: ChainRow | undefined;
      let entries = 0;
      for (;;) {
        const after = previous ? previous.seq : '0';
        // `events.seq`, not `seq`: ORDER BY would take the text alias and put 10 before 2.
        const { rows } = await sql<ChainRow>`
          select seq::text as seq, id::text as id,
                 to_char(occurred_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as occurred_at,
                 actor, on_behalf_of, action, target, ip, user_agent, details::text as details, prev_hash, hash
            from audit.events
           where seq > ${after}::bigint
           order by events.seq
           limit ${BATCH}`.execute(trx);
        for (const row of rows) {
          const expectedSeq = previous ? BigInt(previous.seq) + 1n : 1n;
          if (BigInt(row.seq) !== expectedSeq) {
            return { intact: false, entries, broken: { entry: describe(row), reason: `entry ${expectedSeq} of the chain is missing (this entry is number ${row.seq})` } };
          }
          if (row.prev_hash !== (previous ? previous.hash : GENESIS_HASH)) {
            return { intact: false, entries, broken: { entry: describe(row), reason: 'it does not link to the entry before it (the previous entry was changed or replaced)' } };
          }
          const recomputed = entryHash({
            seq: row.seq, id: row.id, occurredAt: row.occurred_at, actor: row.actor, onBehalfOf: row.on_behalf_of,
            action: row.action, target: row.target, ip: row.ip, userAgent: row.user_agent, details: row.details, prevHash: row.prev_hash,
          });
          if (recomputed !== row.hash) {
            return { intact: false, entries, broken: { entry: describe(row), reason: 'its content does not match its hash (it was changed after it was written)' } };
          }
          previous = row;
          entries += 1;
        }
        if (rows.length < BATCH) break;
      }
      // Entries cut from the end leave a valid but shorter chain: the head still remembers how long it was.
      const head = await trx.selectFrom('audit.chain_head').select(['seq', 'hash']).executeTakeFirst();
      const lastSeq = previous ? previous.seq : '0';
      const lastHash = previous ? previous.hash : GENESIS_HASH;
      if (!head) return { intact: false, entries, broken: { ...(previous ? { entry: describe(previous) } : {}), reason: 'the chain head is missing' } };
      const at = previous ? { entry: describe(previous) } : {};
      if (String(head.seq) !== lastSeq) {
        return { intact: false, entries, broken: { ...at, reason: `the trail ends at entry ${lastSeq} but its head is entry ${String(head.seq)}: entries were removed from the end` } };
      }
      if (head.hash !== lastHash) {
        return { intact: false, entries, broken: { ...at, reason: 'the last entry is not the one the chain head committed to (it was replaced)' } };
      }
      return { intact: true, entries, head: { seq: lastSeq, hash: lastHash } };
    });
}
