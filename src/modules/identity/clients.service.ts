/**
 * Administering OpenID clients (P6, P17): registering, changing, disabling
 * and enabling a client, each with its audit entry in the same transaction,
 * so no change is ever left unrecorded and no entry names a change that
 * rolled back. The console's clients pages call this and nothing else.
 */
import { inTransaction, narrow, type RootDb } from '../../platform/db/database.js';
import { createAudit, type AuditEntry } from '../audit/index.js';
import type { IdentityTables } from './identity.repo.js';
import type { ClientMetadata, ClientRegistration } from './identity.schemas.js';
import { createIdentityService } from './identity.service.js';

/** Who asks and from where (the audit module's `auditContext(request)`). */
export type ClientAdminActor = Pick<AuditEntry, 'actor' | 'ip' | 'userAgent'>;

export interface ClientSettings {
  metadata: ClientMetadata;
  institutionId: string | null;
}

export interface ClientAdministration {
  /** A new client (a secret when its method needs one); refuses a taken id (`identity.client-exists`). */
  registerClient(who: ClientAdminActor, clientId: string, settings: ClientSettings): Promise<ClientRegistration>;
  /** Changes an enabled client; a new secret only when it newly needs one. */
  changeClient(who: ClientAdminActor, clientId: string, settings: ClientSettings): Promise<ClientRegistration>;
  /** Disables a client (its tokens are revoked at once) or enables it again; `identity.client-state` when already so. */
  setClientEnabled(who: ClientAdminActor, clientId: string, enabled: boolean, by: string): Promise<void>;
  /** A new secret (returned once); the old one stays valid for `overlapSeconds` beside it. Audited without either secret. */
  rotateClientSecret(who: ClientAdminActor, clientId: string, overlapSeconds: number): Promise<{ secret: string; previousValidUntil: Date | null }>;
}

export function createClientAdministration(db: RootDb): ClientAdministration {
  const save = (who: ClientAdminActor, clientId: string, settings: ClientSettings, existing: boolean): Promise<ClientRegistration> =>
    inTransaction(db, async (trx) => {
      const identity = createIdentityService(narrow<IdentityTables>(trx));
      const result = existing ? await identity.updateClient(clientId, settings) : await identity.createClient({ clientId, ...settings });
      await createAudit(trx).record({
        ...who,
        action: existing ? 'identity.client_updated' : 'identity.client_registered',
        target: `client:${clientId}`,
        details: {
          grantTypes: settings.metadata.grant_types,
          scope: settings.metadata.scope,
          redirectUris: settings.metadata.redirect_uris,
          authMethod: settings.metadata.token_endpoint_auth_method,
          institutionId: settings.institutionId,
          newSecret: result.secret !== undefined,
        },
      });
      return result;
    });
  return {
    registerClient: (who, clientId, settings) => save(who, clientId, settings, false),
    changeClient: (who, clientId, settings) => save(who, clientId, settings, true),
    async setClientEnabled(who, clientId, enabled, by) {
      await inTransaction(db, async (trx) => {
        const identity = createIdentityService(narrow<IdentityTables>(trx));
        if (enabled) await identity.enableClient(clientId);
        else await identity.disableClient(clientId, by);
        await createAudit(trx).record({ ...who, action: enabled ? 'identity.client_enabled' : 'identity.client_disabled', target: `client:${clientId}` });
      });
    },
    rotateClientSecret: (who, clientId, overlapSeconds) =>
      inTransaction(db, async (trx) => {
        const rotated = await createIdentityService(narrow<IdentityTables>(trx)).rotateClientSecret(clientId, overlapSeconds);
        await createAudit(trx).record({ ...who, action: 'identity.client_secret_rotated', target: `client:${clientId}`, details: { previousValidUntil: rotated.previousValidUntil?.toISOString() ?? null } });
        return rotated;
      }),
  };
}
