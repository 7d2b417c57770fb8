/**
 * The event catalogue's example payloads: one CloudEvent per subscribable
 * type, as a webhook delivers it. The developer portal shows them; a test
 * checks each `data` against the publishing module's own schema, so an
 * example cannot drift from what is sent.
 */
import type { EventEnvelope } from '../../../../platform/jobs/outbox.js';

type Example = EventEnvelope & { datacontenttype: 'application/json' };

export const EVENT_EXAMPLES: Record<'applications.status_changed' | 'catalog.service_published', Example> = {
  'applications.status_changed': {
    specversion: '1.0',
    id: '5f0c6a3e-2b7d-4c61-9e0a-8d4f1b2c3a41',
    type: 'applications.status_changed',
    source: '/applications',
    subject: '0b8e9f7a-6c5d-4e3f-a2b1-c0d9e8f7a6b5',
    time: '2026-12-03T09:41:07.512Z',
    datacontenttype: 'application/json',
    actor: { kind: 'person', id: '150685-12347' },
    data: {
      applicationId: '0b8e9f7a-6c5d-4e3f-a2b1-c0d9e8f7a6b5',
      number: '2026-000421',
      serviceId: 'c3d1a9e2-7b6f-4a58-9d0e-1f2a3b4c5d6e',
      serviceTitle: { lv: 'Dzīvesvietas deklarēšana', en: 'Declaration of residence' },
      institutionId: '9a8b7c6d-5e4f-4321-8765-43210fedcba9',
      applicant: '150685-12347',
      applicantKind: 'person',
      submittedBy: '150685-12347',
      code: 'submitted',
      previousCode: null,
      statusLabel: { lv: 'Iesniegts', en: 'Submitted' },
      final: false,
      occurredAt: '2026-12-03T09:41:07.512Z',
      eventId: null,
      noteForApplicant: null,
      awaiting: null,
      expectedCompletionAt: '2026-12-17T09:41:07.512Z',
      link: '/workspace/applications/0b8e9f7a-6c5d-4e3f-a2b1-c0d9e8f7a6b5',
    },
  },
  'catalog.service_published': {
    specversion: '1.0',
    id: 'e1d2c3b4-a596-4877-8695-a4b3c2d1e0f9',
    type: 'catalog.service_published',
    source: '/catalog',
    subject: 'c3d1a9e2-7b6f-4a58-9d0e-1f2a3b4c5d6e',
    time: '2026-12-01T08:00:00.000Z',
    datacontenttype: 'application/json',
    actor: { kind: 'person', id: '120479-43216' },
    data: {
      serviceId: 'c3d1a9e2-7b6f-4a58-9d0e-1f2a3b4c5d6e',
      institutionId: '9a8b7c6d-5e4f-4321-8765-43210fedcba9',
      slug: 'dzivesvietas-deklaresana',
      title: { lv: 'Dzīvesvietas deklarēšana', en: 'Declaration of residence' },
      events: ['moving'],
    },
  },
};
