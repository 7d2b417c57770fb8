/**
 * The identity module's rules: Latvian personal codes, persons, registered
 * clients (with hashed secrets) and the portal's web sessions (rotation at
 * sign-in, idle and absolute timeouts, sign-out everywhere). Tested without
 * HTTP; the clock is injectable so timeouts are tested without sleeping.
 */
import { createHash, randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';
import { inTransaction } from '../../platform/db/database.js';
import { birthDateOf, isValidPersonalCode, normalisePersonalCode as formattedPersonalCode, personalCodeCheckDigit } from '../access/index.js';
import * as errors from './identity.errors.js';
import * as repo from './identity.repo.js';
import type { IdentityDb, SessionCompanion } from './identity.repo.js';
import { destroyAccount, destroyClientArtifacts, destroyProviderSession } from './oidc.repo.js';
import type { ClientInput, ClientMetadata, ClientRecord, ClientRegistration, ClientSummary, Person, PersonInput, WebSession } from './identity.schemas.js';

// ---- personal codes (validation lives with the parties, in access) ----

export { birthDateOf, isValidPersonalCode, personalCodeCheckDigit };

/** The code as stored here: 11 digits, no hyphen. Throws when it is not valid. */
export function normalisePersonalCode(value: string): string {
  const formatted = formattedPersonalCode(value);
  if (!formatted) throw errors.invalidPersonalCode(value);
  return formatted.replace('-', '');
}

/** The code as people write it: `DDMMYY-NNNNN`. */
export function formatPersonalCode(value: string): string {
  const digits = value.replace('-', '');
  return /^\d{11}$/.test(digits) ? `${digits.slice(0, 6)}-${digits.slice(6)}` : value;
}

// ---- client secrets ----

const scryptAsync = promisify(scrypt) as (password: string, salt: Buffer, keylen: number, options: { N: number; r: number; p: number }) => Promise<Buffer>;
const SCRYPT = { N: 16_384, r: 8, p: 1 };

export async function hashSecret(secret: string): Promise<string> {
  const salt = randomBytes(16);
  const hash = await scryptAsync(secret, salt, 32, SCRYPT);
  return `scrypt$${SCRYPT.N}$${SCRYPT.r}$${SCRYPT.p}$${salt.toString('base64url')}$${hash.toString('base64url')}`;
}

export async function verifySecret(secret: string, stored: string | null | undefined): Promise<boolean> {
  if (!stored) return false;
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64url');
  const actual = await scryptAsync(secret, Buffer.from(salt, 'base64url'), expected.length, { N: Number(n), r: Number(r), p: Number(p) });
  return timingSafeEqual(actual, expected);
}

/** A new client secret: 256 random bits, URL-safe. */
export function generateClientSecret(): string {
  return randomBytes(32).toString('base64url');
}

/** Methods by which a client proves itself with a shared secret. */
const SECRET_METHODS = new Set(['client_secret_basic', 'client_secret_post']);
const usesSecret = (metadata: ClientMetadata): boolean => SECRET_METHODS.has(metadata.token_endpoint_auth_method ?? 'client_secret_basic');
/** The portal's own client is configured in code (oidc.provider.ts, PORTAL_CLIENT_ID): its id is never registered. */
const RESERVED_CLIENT_IDS = new Set(['pakalpojumi-portal']);

// ---- web sessions ----

export const SESSION_IDLE_MS = 30 * 60 * 1000;
export const SESSION_ABSOLUTE_MS = 12 * 60 * 60 * 1000;
/** last_seen_at is written at most this often, not on every request. */
const TOUCH_EVERY_MS = 60 * 1000;

export function hashSessionId(id: string): string {
  return createHash('sha256').update(id).digest('base64url');
}

export interface StartedSession {
  /** the cookie's value; only its hash is stored */
  id: string;
  session: WebSession;
}

export interface SessionStart {
  personId: string;
  acr: string;
  /** the OpenID provider's session (its cookie id), ended with this one */
  opSessionId?: string | null;
  /** the session the browser had before signing in: ended, so the id changes at sign-in */
  previousId?: string | undefined;
}

export interface IdentityServiceOptions {
  /** the clock; tests move it instead of sleeping */
  now?: () => Date;
}

export interface IdentityService {
  readonly now: () => Date;
  getPerson(id: string): Promise<Person>;
  findPerson(id: string): Promise<Person | undefined>;
  findPersonByCode(personalCode: string): Promise<Person | undefined>;
  /** the persons with these codes (any order; unknown codes are left out) */
  findPersonsByCode(personalCodes: string[]): Promise<Person[]>;
  /** creates the person, or refreshes the names of the one with that code */
  savePerson(input: PersonInput): Promise<Person>;
  registerClient(input: ClientInput): Promise<ClientRecord>;
  findClient(clientId: string): Promise<ClientRecord | undefined>;
  /** the client's current secret, or the one before its last rotation while its overlap lasts */
  verifyClientSecret(clientId: string, secret: string): Promise<boolean>;
  /** whether `secret` is the one the client had before its last rotation, and that is still valid */
  verifyPreviousClientSecret(clientId: string, secret: string): Promise<boolean>;
  /**
   * A new generated secret for an enabled client that authenticates with one,
   * returned once and stored as a hash. The old secret stays valid beside it
   * for `overlapSeconds` (0: invalid at once).
   */
  rotateClientSecret(clientId: string, overlapSeconds: number): Promise<{ secret: string; previousValidUntil: Date | null }>;
  /** every registered client, disabled ones too, by client id (the console's list) */
  listClients(): Promise<ClientSummary[]>;
  /** one client, enabled or disabled */
  getClient(clientId: string): Promise<ClientSummary>;
  /**
   * Registers a new client; its id must be unused (disabled clients keep theirs).
   * A client that authenticates with a secret gets a generated one, returned
   * here once and stored only as a hash.
   */
  createClient(input: Omit<ClientInput, 'secret'>): Promise<ClientRegistration>;
  /**
   * Changes an enabled client's metadata and institution; its secret stays. A
   * client switched to a secret-based method without a secret gets a new one
   * (returned once); one switched to private_key_jwt loses its secret.
   */
  updateClient(clientId: string, change: { metadata: ClientMetadata; institutionId: string | null }): Promise<ClientRegistration>;
  /** the client gets no more tokens, and every grant, code and token it holds is revoked */
  disableClient(clientId: string, by: string): Promise<ClientSummary>;
  enableClient(clientId: string): Promise<ClientSummary>;
  startSession(start: SessionStart): Promise<StartedSession>;
  /** the live session for a cookie value; an idle or expired one is ended and undefined returned */
  resumeSession(id: string): Promise<WebSession | undefined>;
  /**
   * resumeSession with the session's person, read in the same statement, and
   * the values of `alongside` (expressions over the person's personal code,
   * DDMMYY-NNNNN: another module's read, such as the roles) in that statement too
   */
  resumeSignedIn(id: string, alongside?: SessionCompanion[]): Promise<{ session: WebSession; person: Person; alongside: unknown[] } | undefined>;
  endSession(id: string): Promise<WebSession | undefined>;
  /** every web session, provider session, grant and token of the person */
  signOutEverywhere(personId: string): Promise<void>;
  pruneSessions(): Promise<number>;
}

export function createIdentityService(db: IdentityDb, options: IdentityServiceOptions = {}): IdentityService {
  const now = options.now ?? (() => new Date());

  async function findPerson(id: string): Promise<Person | undefined> {
    return repo.findPersonById(db, id);
  }

  /** A session that has neither ended nor idled out, as `load` reads it; its last activity is moved on now and then. */
  async function resume<T extends { session: WebSession }>(id: string, load: (idHash: string) => Promise<T | undefined>): Promise<T | undefined> {
    if (id.length < 20 || id.length > 100) return undefined;
    const idHash = hashSessionId(id);
    const found = await load(idHash);
    if (!found) return undefined;
    const { session } = found;
    const at = now();
    if (session.expiresAt.getTime() <= at.getTime() || at.getTime() - session.lastSeenAt.getTime() >= SESSION_IDLE_MS) {
      await repo.deleteSession(db, idHash);
      return undefined;
    }
    if (at.getTime() - session.lastSeenAt.getTime() >= TOUCH_EVERY_MS) {
      await repo.touchSession(db, idHash, at);
      session.lastSeenAt = at;
    }
    return found;
  }

  return {
    now,
    findPerson,
    async getPerson(id) {
      const person = await findPerson(id);
      if (!person) throw errors.personNotFound(id);
      return person;
    },
    findPersonByCode: (code) => (isValidPersonalCode(code) ? repo.findPersonByCode(db, normalisePersonalCode(code)) : Promise.resolve(undefined)),
    findPersonsByCode: (codes) => repo.listPersons(db, codes.filter(isValidPersonalCode).map(normalisePersonalCode)),
    async savePerson(input) {
      return repo.upsertPerson(db, { ...input, personalCode: normalisePersonalCode(input.personalCode) });
    },

    async registerClient(input) {
      const secretHash = input.secret ? await hashSecret(input.secret) : null;
      return repo.upsertClient(db, input, secretHash);
    },
    findClient: (clientId) => repo.findClient(db, clientId),
    async verifyClientSecret(clientId, secret) {
      const client = await repo.findClient(db, clientId);
      return (await verifySecret(secret, client?.secretHash)) || verifySecret(secret, await repo.findPreviousSecretHash(db, clientId, now()));
    },
    async verifyPreviousClientSecret(clientId, secret) {
      return verifySecret(secret, await repo.findPreviousSecretHash(db, clientId, now()));
    },
    async rotateClientSecret(clientId, overlapSeconds) {
      const client = await repo.findClient(db, clientId);
      if (!client) {
        if (await repo.findClientSummary(db, clientId)) throw errors.clientState(`The client "${clientId}" is disabled; enable it before rotating its secret.`);
        throw errors.clientNotFound(clientId);
      }
      if (!usesSecret(client.metadata)) throw errors.clientState(`The client "${clientId}" signs with its own keys (private_key_jwt): it has no secret.`);
      const secret = generateClientSecret();
      const previousValidUntil = overlapSeconds > 0 && client.secretHash ? new Date(now().getTime() + overlapSeconds * 1000) : null;
      await repo.replaceClientSecret(db, clientId, await hashSecret(secret), previousValidUntil);
      return { secret, previousValidUntil };
    },

    listClients: () => repo.listClientSummaries(db),
    async getClient(clientId) {
      const client = await repo.findClientSummary(db, clientId);
      if (!client) throw errors.clientNotFound(clientId);
      return client;
    },

    async createClient(input) {
      const secret = usesSecret(input.metadata) ? generateClientSecret() : undefined;
      const secretHash = secret ? await hashSecret(secret) : null;
      return inTransaction(db, async (trx) => {
        if (RESERVED_CLIENT_IDS.has(input.clientId) || (await repo.findClientSummary(trx, input.clientId))) throw errors.clientExists(input.clientId);
        await repo.upsertClient(trx, input, secretHash);
        const client = await repo.findClientSummary(trx, input.clientId);
        if (!client) throw errors.clientNotFound(input.clientId);
        return secret ? { client, secret } : { client };
      });
    },

    async updateClient(clientId, change) {
      const current = await repo.findClientSummary(db, clientId);
      if (!current) throw errors.clientNotFound(clientId);
      if (current.disabledAt) throw errors.clientState(`The client "${clientId}" is disabled; enable it before changing it.`);
      const secret = usesSecret(change.metadata) && !current.hasSecret ? generateClientSecret() : undefined;
      // A new secret when one is needed, none for key-based methods, else the one it has.
      const secretHash = secret ? await hashSecret(secret) : usesSecret(change.metadata) ? undefined : null;
      const client = await repo.updateClientSettings(db, clientId, { ...change, ...(secretHash !== undefined ? { secretHash } : {}) });
      if (!client) throw errors.clientNotFound(clientId);
      return secret ? { client, secret } : { client };
    },

    async disableClient(clientId, by) {
      return inTransaction(db, async (trx) => {
        const disabled = await repo.moveClientToDisabled(trx, clientId, by);
        if (!disabled) {
          if (await repo.findClientSummary(trx, clientId)) throw errors.clientState(`The client "${clientId}" is already disabled.`);
          throw errors.clientNotFound(clientId);
        }
        await destroyClientArtifacts(trx, clientId);
        return disabled;
      });
    },

    async enableClient(clientId) {
      const enabled = await repo.moveClientFromDisabled(db, clientId);
      if (enabled) return enabled;
      if (await repo.findClientSummary(db, clientId)) throw errors.clientState(`The client "${clientId}" is not disabled.`);
      throw errors.clientNotFound(clientId);
    },

    async startSession(start) {
      const id = randomBytes(32).toString('base64url');
      const at = now();
      const session: WebSession = {
        idHash: hashSessionId(id),
        personId: start.personId,
        acr: start.acr,
        csrfSecret: randomBytes(32).toString('base64url'),
        opSessionId: start.opSessionId ?? null,
        createdAt: at,
        lastSeenAt: at,
        expiresAt: new Date(at.getTime() + SESSION_ABSOLUTE_MS),
      };
      await inTransaction(db, async (trx) => {
        if (start.previousId) await repo.deleteSession(trx, hashSessionId(start.previousId));
        await repo.insertSession(trx, session);
      });
      return { id, session };
    },

    async resumeSession(id) {
      return (await resume(id, async (idHash) => {
        const session = await repo.findSession(db, idHash);
        return session && { session };
      }))?.session;
    },

    resumeSignedIn: (id, alongside = []) => resume(id, (idHash) => repo.findSessionWithPerson(db, idHash, alongside)),

    async endSession(id) {
      const session = await repo.deleteSession(db, hashSessionId(id));
      if (session?.opSessionId) await destroyProviderSession(db, session.opSessionId);
      return session;
    },

    async signOutEverywhere(personId) {
      await inTransaction(db, async (trx) => {
        await repo.deleteSessionsOfPerson(trx, personId);
        await destroyAccount(trx, personId);
      });
    },

    async pruneSessions() {
      const at = now();
      return repo.deleteStaleSessions(db, at, new Date(at.getTime() - SESSION_IDLE_MS));
    },
  };
}
