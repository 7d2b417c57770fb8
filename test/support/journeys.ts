/**
 * Steps of the demo journeys that several test files take through the real
 * API: Jānis applies for the declaration of residence, PMLP's system moves an
 * application on, and a person's inbox is waited for.
 */
import assert from 'node:assert/strict';
import type { InboxItem } from '../../src/modules/notifications/index.js';
import { eventually, expectJson } from './http.js';
import type { TestPlatform } from './platform.js';
import { accessTokenFor, demoRp, institutionToken } from './sso.js';

/** Jānis applies for the declaration of residence (`serviceId`) with his bearer token; the receipt. */
export async function applyAsJanis(target: Pick<TestPlatform, 'url'>, token: string, serviceId: string): Promise<{ applicationId: string; number: string }> {
  const response = await fetch(`${target.url}/api/v1/applications`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      serviceId,
      data: { fullName: 'Jānis Bērziņš', email: 'janis.berzins@example.com', address: 'Brīvības iela 1-2, Rīga, LV-1010', movedInOn: '2026-01-05', basis: 'owner', consent: true },
    }),
  });
  return expectJson(response, 201);
}

/** PMLP's system moves an application to in_progress (a `status` notification to the applicant). */
export async function moveToInProgress(target: Pick<TestPlatform, 'url'>, token: string, applicationId: string, eventId: string): Promise<void> {
  const response = await fetch(`${target.url}/api/v1/applications/${applicationId}/status`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ code: 'in_progress', eventId, noteForApplicant: 'Pārbaudām adresi.' }),
  });
  assert.ok(response.status < 300, `the status was recorded (${response.status}: ${await response.text()})`);
}

/** The inbox item with subject `wanted`, once it has reached the person. */
export function waitForInbox(target: TestPlatform, code: string, wanted: string): Promise<InboxItem> {
  return eventually(
    () => target.notifications!.service.inbox(code, { limit: 100 }),
    (page) => page.items.some((item) => item.subject === wanted),
    `“${wanted}” reaches the inbox`,
  ).then((page) => page.items.find((item) => item.subject === wanted) as InboxItem);
}

/** The start both notification page tests share: Jānis applies, PMLP's system moves it on, the status change reaches his inbox. */
export async function startResidenceJourney(target: TestPlatform): Promise<{
  tokens: { janis: string; institution: string };
  residenceId: string;
  receipt: { applicationId: string; number: string };
  subject: string;
}> {
  const tokens = {
    janis: await accessTokenFor(target, await demoRp(target), 'Jānis Bērziņš'),
    institution: await institutionToken(target, 'applications.read applications.write notifications.send'),
  };
  const residenceId = (await expectJson<{ id: string }>(await fetch(`${target.url}/api/v1/services/dzivesvietas-deklaresana`))).id;
  const receipt = await applyAsJanis(target, tokens.janis, residenceId);
  await moveToInProgress(target, tokens.institution, receipt.applicationId, 'pages-1');
  const subject = `Pieteikums ${receipt.number}: Izskatīšanā`;
  await waitForInbox(target, '150685-12347', subject);
  return { tokens, residenceId, receipt, subject };
}
