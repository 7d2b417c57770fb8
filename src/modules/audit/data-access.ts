/**
 * The data-access log of a party ("who looked at my data"): the audit trail's
 * entries about it — the party itself, its applications, what was done on its
 * behalf — by anyone but the person asking, with the actor told as a person
 * may be told it. The workspace page and the API both read it from here.
 */
import type { AuditRecord, AuditService } from './audit.service.js';

export interface DataAccessDeps {
  audit: AuditService;
  /** the audit targets that are a party's data besides the party itself: its applications… */
  targetsOf(party: string): Promise<string[]>;
}

/** A personal code as the log shows it: birth date part only. */
export const maskCode = (code: string): string => code.replace(/^(\d{6})-?\d{5}$/, '$1-*****');

export type ActorKind = 'client' | 'staff' | 'person' | 'platform';

/** Who an entry's actor was, as a person may be told. */
export function describeActor(entry: Pick<AuditRecord, 'actor' | 'details'>): { kind: ActorKind; id: string } {
  if (entry.actor.startsWith('client:')) return { kind: 'client', id: entry.actor.slice('client:'.length) };
  if (entry.actor.startsWith('person:')) {
    const code = maskCode(entry.actor.slice('person:'.length));
    return { kind: entry.details.as === 'institution' ? 'staff' : 'person', id: code };
  }
  return { kind: 'platform', id: '' };
}

export interface LogReader {
  /** the personal code of the person reading */
  self: string;
  /** whose log: the person's, or the party they act for */
  party: string;
  ip: string;
  via: 'workspace' | 'api';
  limit?: number;
}

/**
 * The log of `party`, newest first, without the reads of the person asking
 * (their own and as representative). Reading it is a read of personal data
 * too, and is recorded as one.
 */
export async function dataAccessLog(deps: DataAccessDeps, reader: LogReader): Promise<AuditRecord[]> {
  const { self, party } = reader;
  const entries = await deps.audit.accessesTo({ party, targets: await deps.targetsOf(party), excludeActors: [`person:${self}`, `person:${party}`], limit: reader.limit ?? 200 });
  await deps.audit.record({ actor: `person:${self}`, onBehalfOf: party === self ? null : party, action: 'audit.data_access_read', target: `party:${party}`, ip: reader.ip, details: { count: entries.length, via: reader.via } });
  return entries;
}

