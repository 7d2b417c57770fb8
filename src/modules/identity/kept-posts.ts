/**
 * Forms posted after the session ended (P6, sessions that forgive): kept for
 * an hour against a one-time token whose hash is the key, taken back once by
 * the same page after signing in again. The workspace shell uses it through
 * the platform's `PostKeeper` contract; stale ones are pruned as new ones come.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { narrow, type RootDb } from '../../platform/db/database.js';
import type { PostKeeper } from '../../platform/web/workspace.js';

interface KeptPostsTable {
  token_hash: string;
  path: string;
  fields: Record<string, unknown>;
  expires_at: Date;
}

interface KeptPostsTables {
  'identity.kept_posts': KeptPostsTable;
}

/** How long a kept form waits for its sender to sign in again. */
export const KEPT_POST_MS = 60 * 60 * 1000;
/** The most a kept form may hold (a step's text answers; files are not kept). */
const MAX_KEPT_BYTES = 64 * 1024;

const hashOf = (token: string): string => createHash('sha256').update(`identity.kept-post\u0000${token}`).digest('hex');

export function createPostKeeper(root: RootDb, now: () => Date = () => new Date()): PostKeeper {
  const db: Kysely<KeptPostsTables> = narrow<KeptPostsTables>(root);
  return {
    async keep(path, fields) {
      const token = randomBytes(32).toString('base64url');
      const json = JSON.stringify(fields);
      const kept = Buffer.byteLength(json) <= MAX_KEPT_BYTES ? fields : {};
      const at = now();
      await db.deleteFrom('identity.kept_posts').where('expires_at', '<', at).execute();
      await db
        .insertInto('identity.kept_posts')
        .values({ token_hash: hashOf(token), path, fields: JSON.stringify(kept) as unknown as Record<string, unknown>, expires_at: new Date(at.getTime() + KEPT_POST_MS) })
        .execute();
      return token;
    },
    async take(token, path) {
      if (token.length < 20 || token.length > 100) return undefined;
      const row = await db.deleteFrom('identity.kept_posts').where('token_hash', '=', hashOf(token)).returning(['path', 'fields', 'expires_at']).executeTakeFirst();
      if (!row || row.path !== path || row.expires_at.getTime() <= now().getTime()) return undefined;
      return typeof row.fields === 'string' ? (JSON.parse(row.fields) as Record<string, unknown>) : row.fields;
    },
  };
}
