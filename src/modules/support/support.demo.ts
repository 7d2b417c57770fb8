/**
 * Demo questions, so the desk has something in it at `npm start`: a general
 * question from Anna in first-line support's queue (Roberts Liepa, the demo's
 * support agent, answers it), one from Pēteris about a VID service, and PMLP's
 * own targets (1 working day to a first reply, 5 to resolution).
 */
import type { Principal } from '../../platform/http/auth.js';
import type { SupportService } from './support.service.js';

const person = (personalCode: string): Principal => ({ subject: `person:${personalCode}`, kind: 'person', via: 'session', personalCode, roles: [], scopes: [] });

export async function loadSupportDemo(
  support: SupportService,
  catalog: { lookup(ref: string): Promise<{ kind: string; service?: { id: string } }>; getInstitution(idOrCode: string): Promise<{ id: string }> },
): Promise<{ tickets: number }> {
  let tickets = 0;
  const anna = '230390-11113';
  await support.ask({
    askedBy: anna,
    principal: person(anna),
    requester: anna,
    requesterKind: 'person',
    subject: 'technical',
    message: 'Sveiki! Kur darba vietā var nomainīt e-pasta adresi, uz kuru sūtīt paziņojumus?',
    about: {},
    channel: 'workspace',
    language: 'lv',
  });
  tickets++;
  const vat = await catalog.lookup('registracija-pvn-maksataju-registra').catch(() => undefined);
  if (vat?.service && vat.kind !== 'missing') {
    const peteris = '081275-05556';
    await support.ask({
      askedBy: peteris,
      principal: person(peteris),
      requester: peteris,
      requesterKind: 'person',
      subject: 'applying',
      message: 'Labdien! Vai PVN reģistrācijai jāpievieno valdes lēmums, ja pieteikumu iesniedzu kā valdes loceklis?',
      about: { serviceId: vat.service.id },
      channel: 'workspace',
      language: 'lv',
    });
    tickets++;
  }
  const pmlp = await catalog.getInstitution('pmlp').catch(() => undefined);
  if (pmlp) await support.setTargets(pmlp.id, { firstReplyDays: 1, resolutionDays: 5 });
  return { tickets };
}
