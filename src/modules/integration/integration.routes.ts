/**
 * The webhooks API (P5, P17): an API client (client credentials, scope
 * `integration.manage`) subscribes its endpoint to the platform's events,
 * rotates the signing secret, reads the delivery log and replays a delivery.
 */
import { Type } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import { requirePrincipal, requireScope, requireSignIn, type Principal } from '../../platform/http/auth.js';
import { bearerSecurity as security, problems, schemaRef } from '../../platform/http/openapi.js';
import type { App } from '../../platform/http/server.js';
import { Delivery, SUBSCRIBABLE_EVENTS, Webhook, WebhookInput, WebhookSecret } from './integration.schemas.js';
import type { WebhooksService } from './webhooks.service.js';

export const MANAGE = 'integration.manage';
const tags = ['integration'];
const signedIn = { onRequest: requireSignIn };
const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });
const DeliveryParams = Type.Object({ id: Type.String({ format: 'uuid' }), deliveryId: Type.String({ format: 'uuid' }) });

const client = (request: FastifyRequest): Principal => requireScope(requirePrincipal(request), MANAGE);

export function registerIntegrationRoutes(app: App, webhooks: WebhooksService): void {
  for (const schema of [WebhookInput, Webhook, WebhookSecret, Delivery]) app.addSchema(schema);
  const description = `Events: ${SUBSCRIBABLE_EVENTS.join(', ')}. Each is POSTed to the endpoint as CloudEvents 1.0 JSON, signed per Standard Webhooks (webhook-id, webhook-timestamp, webhook-signature; whsec_ secrets), at least once: retried for more than a day, the same webhook-id on every attempt.`;

  app.post(
    '/api/v1/webhooks',
    {
      ...signedIn,
      schema: {
        tags,
        summary: 'Subscribe an endpoint to events (the signing secret is shown only in this answer)',
        description,
        security,
        body: schemaRef(WebhookInput),
        response: { 201: Type.Ref('WebhookSecret'), ...problems(400, 401, 403) },
      },
    },
    async (request, reply) => {
      const created = await webhooks.create(client(request), request.body);
      return reply.code(201).header('location', `/api/v1/webhooks/${created.webhook.id}`).send(created);
    },
  );

  app.get(
    '/api/v1/webhooks',
    { ...signedIn, schema: { tags, summary: 'The calling client’s webhooks', security, response: { 200: Type.Object({ items: Type.Array(Type.Ref('Webhook')) }), ...problems(401, 403) } } },
    async (request) => ({ items: await webhooks.list(client(request)) }),
  );

  app.get(
    '/api/v1/webhooks/:id',
    { ...signedIn, schema: { tags, summary: 'One webhook of the calling client', security, params: IdParams, response: { 200: Type.Ref('Webhook'), ...problems(400, 401, 403, 404) } } },
    async (request) => webhooks.get(client(request), request.params.id),
  );

  app.delete(
    '/api/v1/webhooks/:id',
    { ...signedIn, schema: { tags, summary: 'Unsubscribe (what is still queued is not sent)', security, params: IdParams, response: { 204: Type.Null(), ...problems(400, 401, 403, 404) } } },
    async (request, reply) => {
      await webhooks.remove(client(request), request.params.id);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/api/v1/webhooks/:id/rotate-secret',
    {
      ...signedIn,
      schema: {
        tags,
        summary: 'A new signing secret; the old one still signs beside it for 24 hours',
        security,
        params: IdParams,
        response: { 200: Type.Ref('WebhookSecret'), ...problems(400, 401, 403, 404) },
      },
    },
    async (request) => webhooks.rotateSecret(client(request), request.params.id),
  );

  app.post(
    '/api/v1/webhooks/:id/enable',
    {
      ...signedIn,
      schema: { tags, summary: 'Enable a webhook that was disabled after failing deliveries; what failed is sent again', security, params: IdParams, response: { 200: Type.Ref('Webhook'), ...problems(400, 401, 403, 404) } },
    },
    async (request) => webhooks.enable(client(request), request.params.id),
  );

  app.get(
    '/api/v1/webhooks/:id/deliveries',
    {
      ...signedIn,
      schema: {
        tags,
        summary: 'The delivery log: each event sent, its attempts (time, response code, error) and the payload, newest first',
        security,
        params: IdParams,
        querystring: Type.Object({ limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })) }),
        response: { 200: Type.Object({ items: Type.Array(Type.Ref('WebhookDelivery')) }), ...problems(400, 401, 403, 404) },
      },
    },
    async (request) => ({ items: await webhooks.deliveries(client(request), request.params.id, request.query.limit) }),
  );

  app.post(
    '/api/v1/webhooks/:id/deliveries/:deliveryId/replay',
    {
      ...signedIn,
      schema: {
        tags,
        summary: 'Send a delivery again now, with the same webhook-id',
        security,
        params: DeliveryParams,
        response: { 202: Type.Ref('WebhookDelivery'), ...problems(400, 401, 403, 404) },
      },
    },
    async (request, reply) => reply.code(202).send(await webhooks.replay(client(request), request.params.id, request.params.deliveryId)),
  );
}
