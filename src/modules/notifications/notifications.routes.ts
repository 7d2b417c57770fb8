/**
 * The notifications API: the signed-in person's inbox (`/api/v1/me/notifications`),
 * and the shared notification service for institutions' systems — send to a
 * person by personal code (`POST /api/v1/notifications`, client credentials with
 * the scope `notifications.send`) and read its delivery status per channel.
 */
import { Type } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import { requirePrincipal, requireScope, requireSignIn, type Principal } from '../../platform/http/auth.js';
import { problems, schemaRef } from '../../platform/http/openapi.js';
import type { App } from '../../platform/http/server.js';
import { verifyCsrf } from '../../platform/http/csrf.js';
import * as errors from './notifications.errors.js';
import type { NotificationsService } from './notifications.service.js';
import type { ApplicationLookup } from './notifications.events.js';
import { DeliverySchema, InboxItemSchema, NotificationStatusSchema, SendNotificationInput } from './notifications.schemas.js';

const security = [{ bearer: [] }];
const IdParams = Type.Object({ id: Type.String({ maxLength: 64 }) });

function person(request: FastifyRequest): Principal & { personalCode: string } {
  const principal = requirePrincipal(request);
  if (principal.kind !== 'person' || !principal.personalCode) throw errors.personsOnly();
  return principal as Principal & { personalCode: string };
}

function system(request: FastifyRequest): Principal {
  const principal = requireScope(requirePrincipal(request), 'notifications.send');
  if (principal.kind !== 'system') throw errors.systemsOnly();
  return principal;
}

export interface NotificationsRouteDeps {
  notifications: NotificationsService;
  /** the VAPID public key browsers subscribe to web push with */
  pushPublicKey(): Promise<string>;
  /** the applications service: a sending system names one of its own applications (read under its own principal) */
  applications?: ApplicationLookup;
}

export function registerNotificationsRoutes(app: App, deps: NotificationsRouteDeps): void {
  app.addSchema(SendNotificationInput);
  app.addSchema(DeliverySchema);
  app.addSchema(NotificationStatusSchema);
  app.addSchema(InboxItemSchema);
  const { notifications } = deps;

  app.get(
    '/api/v1/me/notifications',
    {
      onRequest: requireSignIn,
      schema: {
        tags: ['notifications'],
        summary: 'Your workspace inbox: every notification to you, newest first',
        security,
        querystring: Type.Object(
          {
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
            offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 100_000, default: 0 })),
            unread: Type.Optional(Type.Boolean({ description: 'only those not yet read' })),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({
            items: Type.Array(Type.Ref('InboxItem')),
            total: Type.Integer(),
            unread: Type.Integer(),
            limit: Type.Integer(),
            offset: Type.Integer(),
          }),
          ...problems(400, 401, 403),
        },
      },
    },
    async (request) => {
      const { personalCode } = person(request);
      return notifications.inbox(personalCode, request.query);
    },
  );

  app.post(
    '/api/v1/me/notifications/:id/read',
    {
      onRequest: requireSignIn,
      preHandler: verifyCsrf,
      schema: {
        tags: ['notifications'],
        summary: 'Mark one notification of your inbox read',
        security,
        params: IdParams,
        response: { 200: Type.Ref('InboxItem'), ...problems(401, 403, 404) },
      },
    },
    async (request) => notifications.markRead(person(request).personalCode, request.params.id),
  );

  app.post(
    '/api/v1/me/notifications/read',
    {
      onRequest: requireSignIn,
      preHandler: verifyCsrf,
      schema: {
        tags: ['notifications'],
        summary: 'Mark every notification of your inbox read',
        security,
        response: { 200: Type.Object({ marked: Type.Integer() }), ...problems(401, 403) },
      },
    },
    async (request) => ({ marked: await notifications.markAllRead(person(request).personalCode) }),
  );

  app.post(
    '/api/v1/notifications',
    {
      onRequest: requireSignIn,
      schema: {
        tags: ['notifications'],
        summary: 'Send a person a notification by personal code, over the channels and in the language they chose',
        description:
          'For institutions’ information systems (client credentials, scope `notifications.send`). The person always gets it in their workspace inbox, and by e-mail, SMS, push or e-address as they chose. Idempotent by `reference`: a repeated reference returns the same notification (200) and sends nothing more. Rate-limited per client: 429 with Retry-After.',
        security,
        body: schemaRef(SendNotificationInput),
        response: { 200: Type.Ref('NotificationStatus'), 201: Type.Ref('NotificationStatus'), ...problems(400, 401, 403, 404, 429) },
      },
    },
    async (request, reply) => {
      const client = system(request);
      try {
        const { status, created } = await notifications.send(client, request.body, deps.applications);
        return reply.code(created ? 201 : 200).header('location', `/api/v1/notifications/${status.id}`).send(status);
      } catch (error) {
        if (error instanceof errors.RateLimited) reply.header('retry-after', String(error.retryAfterSeconds));
        throw error;
      }
    },
  );

  app.get(
    '/api/v1/notifications/:id',
    {
      onRequest: requireSignIn,
      schema: {
        tags: ['notifications'],
        summary: 'Delivery status of a notification you sent, per channel: queued, sending, retrying, sent, delivered or failed (with why)',
        security,
        params: IdParams,
        response: { 200: Type.Ref('NotificationStatus'), ...problems(401, 403, 404) },
      },
    },
    async (request) => notifications.status(system(request), request.params.id),
  );

  app.get(
    '/api/v1/notifications/push-key',
    {
      schema: {
        tags: ['notifications'],
        summary: 'The VAPID public key to subscribe to the platform’s web push notifications with',
        response: { 200: Type.Object({ publicKey: Type.String() }) },
      },
    },
    async () => ({ publicKey: await deps.pushPublicKey() }),
  );
}
