/**
 * R2: the system's webhook endpoint. The kit delivers applications as the
 * platform does — an `applications.status_changed` CloudEvent with code
 * `submitted`, signed per Standard Webhooks with the official library — and
 * sends the three deliveries a receiver must refuse: signed with another
 * secret or with the body changed after signing, the very same request again
 * (a captured request replayed: same webhook-id, timestamp and signature), and
 * a correctly signed one whose timestamp is ten minutes old. Each probe is a
 * different application, so what a faulty system does with one does not
 * spill into the checks of another.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { request } from './http.js';
import { result, type CheckResult } from './requirements.js';

export const STALE_SECONDS = 600;

export interface TestApplication {
  applicationId: string;
  applicant: string;
  /** who filed it: the applicant, or a representative */
  submittedBy: string;
  submittedAt: string;
}

export interface Party {
  institutionId: string;
  serviceId: string;
}

/** The CloudEvent the platform sends when an application is submitted (see the developer portal's event catalogue). */
export function applicationEvent(application: TestApplication, party: Party): Record<string, unknown> {
  const { applicationId, applicant, submittedBy, submittedAt } = application;
  return {
    specversion: '1.0',
    id: randomUUID(),
    type: 'applications.status_changed',
    source: '/applications',
    subject: applicationId,
    time: submittedAt,
    datacontenttype: 'application/json',
    actor: { kind: 'person', id: submittedBy },
    data: {
      applicationId,
      number: `${submittedAt.slice(0, 4)}-${String(Math.floor(Math.random() * 1e6)).padStart(6, '0')}`,
      serviceId: party.serviceId,
      serviceTitle: { lv: 'Atbilstības pārbaudes pakalpojums', en: 'Conformance test service' },
      institutionId: party.institutionId,
      applicant,
      applicantKind: 'person',
      submittedBy,
      code: 'submitted',
      previousCode: null,
      statusLabel: { lv: 'Iesniegts', en: 'Submitted' },
      final: false,
      occurredAt: submittedAt,
      eventId: null,
      noteForApplicant: null,
      awaiting: null,
      expectedCompletionAt: new Date(Date.parse(submittedAt) + 14 * 86_400_000).toISOString(),
      link: `/workspace/applications/${applicationId}`,
    },
  };
}

export interface Delivery {
  headers: Record<string, string>;
  body: string;
}

/** Signed as the platform signs: `webhook-id` is the delivery's id, the same on each retry. */
export function signedDelivery(secret: string, body: string, at = new Date(), id = `msg_${randomUUID()}`): Delivery {
  const signature = new Webhook(secret).sign(id, at, body);
  return {
    body,
    headers: { 'content-type': 'application/json', 'user-agent': 'Pakalpojumi-Conformance/1', 'webhook-id': id, 'webhook-timestamp': String(Math.floor(at.getTime() / 1000)), 'webhook-signature': signature },
  };
}

/** As the platform sends it, `submittedBy` names whoever filed it: the applicant themselves unless a representative did. */
export function newApplication(applicant: string, submittedBy: string = applicant): TestApplication {
  return { applicationId: randomUUID(), applicant, submittedBy, submittedAt: new Date().toISOString() };
}

type Sent = { status: number } | { why: string };

async function deliver(url: string, delivery: Delivery): Promise<Sent> {
  const answer = await request(url, { method: 'POST', headers: delivery.headers, body: delivery.body });
  return answer.ok ? { status: answer.response.status } : { why: answer.why };
}

const accepted = (sent: Sent): boolean => 'status' in sent && sent.status >= 200 && sent.status <= 299;
const refused = (sent: Sent): boolean => 'status' in sent && sent.status >= 400 && sent.status <= 499;
const told = (sent: Sent): string => ('status' in sent ? `answered ${sent.status}` : sent.why);

export interface WebhookProbes {
  checks: CheckResult[];
  /** when the main application was sent, if it was accepted (ms since the epoch), or null */
  deliveredAt: number | null;
}

/** Delivers `main` (which must be accepted), then the probes that must be refused. */
export async function checkWebhooks(options: { url: string; secret: string; party: Party; main: TestApplication; applicant: string }): Promise<WebhookProbes> {
  const { url, secret, party, main, applicant } = options;
  const bodyOf = (application: TestApplication) => JSON.stringify(applicationEvent(application, party));
  const checks: CheckResult[] = [];

  const sentAt = Date.now();
  const first = await deliver(url, signedDelivery(secret, bodyOf(main)));
  const deliveredAt = accepted(first) ? sentAt : null;
  // While a secret is being rotated the platform signs with the old and the new one, space-separated; either must do.
  const otherSecret = `whsec_${randomBytes(32).toString('base64')}`;
  const rotating = signedDelivery(secret, bodyOf(newApplication(applicant)));
  const oldSignature = new Webhook(otherSecret).sign(rotating.headers['webhook-id']!, new Date(Number(rotating.headers['webhook-timestamp']) * 1000), rotating.body);
  const rotated = await deliver(url, { ...rotating, headers: { ...rotating.headers, 'webhook-signature': `${oldSignature} ${rotating.headers['webhook-signature']}` } });
  checks.push(
    !accepted(first)
      ? result('webhooks.accepts-signed', false, `a correctly signed application was ${told(first)}; it must be accepted with a 2xx (check the endpoint and that it verifies with the secret given to the kit)`)
      : !accepted(rotated)
        ? result('webhooks.accepts-signed', false, `a signed application was ${told(first)}, but one signed with two secrets (as during a rotation: another secret's signature first) was ${told(rotated)}; any one valid signature must do`)
        : result('webhooks.accepts-signed', true, `a signed application was ${told(first)}, and one signed with two secrets (as during a rotation) was ${told(rotated)}`),
  );

  const wrongKey = await deliver(url, signedDelivery(otherSecret, bodyOf(newApplication(applicant))));
  const signedBody = bodyOf(newApplication(applicant));
  const changed = signedDelivery(secret, signedBody);
  const tampered = await deliver(url, { ...changed, body: signedBody.replace('"submitted"', '"decided"') });
  checks.push(
    refused(wrongKey) && refused(tampered)
      ? result('webhooks.refuses-bad-signature', true, `signed with another secret: ${told(wrongKey)}; body changed after signing: ${told(tampered)}`)
      : result('webhooks.refuses-bad-signature', false, `signed with another secret: ${told(wrongKey)}; body changed after signing: ${told(tampered)}; both must be refused with a 4xx`),
  );

  const original = signedDelivery(secret, bodyOf(newApplication(applicant)));
  const once = await deliver(url, original);
  const again = accepted(once) ? await deliver(url, original) : undefined;
  checks.push(
    !again
      ? result('webhooks.refuses-replay', false, `the first delivery was ${told(once)}, so a replay could not be tried; it must be accepted with a 2xx`)
      : refused(again)
        ? result('webhooks.refuses-replay', true, `the first delivery was ${told(once)}, the same request again ${told(again)}`)
        : result('webhooks.refuses-replay', false, `the same request (webhook-id ${original.headers['webhook-id']}) sent again was ${told(again)}: a webhook-id already accepted must be refused (409), never acted on twice`),
  );

  const stale = await deliver(url, signedDelivery(secret, bodyOf(newApplication(applicant)), new Date(Date.now() - STALE_SECONDS * 1000)));
  checks.push(
    refused(stale)
      ? result('webhooks.refuses-stale', true, `a delivery signed ${STALE_SECONDS / 60} minutes ago was ${told(stale)}`)
      : result('webhooks.refuses-stale', false, `a correctly signed delivery with a webhook-timestamp ${STALE_SECONDS / 60} minutes old was ${told(stale)}: refuse timestamps more than 5 minutes away (4xx)`),
  );
  return { checks, deliveredAt };
}
