/**
 * The API of one's own notification preferences. Only a person has them; the
 * person is the caller (no On-Behalf-Of). Reading them reads personal data
 * (e-mail, phone), so reads are audit-logged as changes are. New e-mail and
 * phone numbers are added in the workspace, where their confirmation happens.
 */
import { Type } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import { requirePrincipal, requireSignIn } from '../../platform/http/auth.js';
import { problems, schemaRef } from '../../platform/http/openapi.js';
import type { App } from '../../platform/http/server.js';
import { auditContext, type AuditService } from '../audit/index.js';
import { personsOnly } from './preferences.errors.js';
import { PreferencesInput, PreferencesSchema } from './preferences.schemas.js';
import type { PreferencesService } from './preferences.service.js';

const PATH = '/api/v1/me/notification-preferences';

function personalCodeOf(request: FastifyRequest): string {
  const principal = requirePrincipal(request);
  if (principal.kind !== 'person' || !principal.personalCode) throw personsOnly();
  return principal.personalCode;
}

export function registerPreferencesRoutes(app: App, deps: { preferences: PreferencesService; audit: AuditService }): void {
  app.addSchema(PreferencesSchema);
  app.addSchema(PreferencesInput);
  const { preferences, audit } = deps;
  const guard = { onRequest: requireSignIn };

  app.get(
    PATH,
    {
      ...guard,
      schema: {
        tags: ['notifications'],
        summary: 'Your notification preferences',
        description: 'Channels per kind of notification (the workspace inbox is always on), language, quiet hours for SMS and push, confirmed e-mail and phone, push devices.',
        security: [{ bearer: [] }],
        response: { 200: Type.Ref('NotificationPreferences'), ...problems(401, 403) },
      },
    },
    async (request) => {
      const code = personalCodeOf(request);
      const found = await preferences.get(code);
      await audit.record({ ...auditContext(request), action: 'preferences.read', target: `person:${code}`, details: { via: 'api' } });
      return found;
    },
  );

  app.put(
    PATH,
    {
      ...guard,
      schema: {
        tags: ['notifications'],
        summary: 'Change your notification preferences',
        description: 'What is given replaces (per kind for channels); what is left out stays. An SMS or e-mail channel only carries notifications once its address is confirmed.',
        security: [{ bearer: [] }],
        body: schemaRef(PreferencesInput),
        response: { 200: Type.Ref('NotificationPreferences'), ...problems(400, 401, 403) },
      },
    },
    async (request) => {
      const code = personalCodeOf(request);
      const body = request.body;
      const changed = await preferences.update(code, body);
      await audit.record({ ...auditContext(request), action: 'preferences.changed', target: `person:${code}`, details: { via: 'api', fields: Object.keys(body) } });
      return changed;
    },
  );
}
