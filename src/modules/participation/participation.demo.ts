/**
 * DEMO mode: a year of history for a few services outside PMLP (whose
 * services the tests count from nothing), so the performance pages, the
 * console's feedback page and the ideas list have something to show at
 * `npm start`. Deterministic (a fixed-seed generator); the facts carry demo
 * numbers (`D…`) that never match a real application's.
 */
import { randomUUID } from 'node:crypto';
import type { CatalogService } from '../catalog/index.js';
import type { Db } from './participation.repo.js';
import type { IdeasDb } from './ideas.repo.js';

const SERVICES = ['gimenes-valsts-pabalsts', 'vecaku-pabalsts', 'gada-ienakumu-deklaracijas-iesniegsana', 'transportlidzekla-registracija', 'sabiedribas-ar-ierobezotu-atbildibu-registracija'];
const COMMENTS = ['Nevarēju atrast, kādi dokumenti jāpievieno.', 'Nav skaidrs, cik ilgi jāgaida lēmums.', 'Teksts angļu valodā nav pilnīgs.', 'Saite uz veidlapu neatvērās telefonā.'];
const RATING_COMMENTS = ['Ātri un vienkārši.', 'Gaidīju ilgāk, nekā solīts.', 'Veidlapa bija saprotama.', null, null];
const DAY = 86_400_000;

/** A small fixed-seed generator (LCG): the same demo every time. */
function generator(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

export async function loadParticipationDemo(db: Db, ideas: IdeasDb, catalog: Pick<CatalogService, 'lookup' | 'getInstitution'>, now: Date): Promise<{ services: number; applications: number }> {
  const random = generator(14);
  const pmlp = await catalog.getInstitution('pmlp').catch(() => undefined);
  let services = 0;
  let applications = 0;
  const monthStart = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1);
  for (const slug of SERVICES) {
    const found = await catalog.lookup(slug);
    if (found.kind === 'missing' || found.service.institutionId === pmlp?.id) continue;
    const service = found.service;
    services++;
    const facts = [];
    const ratings = [];
    const feedback = [];
    for (let back = 12; back >= 1; back--) {
      const start = new Date(monthStart);
      start.setUTCMonth(start.getUTCMonth() - back);
      const count = 4 + Math.floor(random() * 26);
      for (let n = 0; n < count; n++) {
        const startedAt = new Date(start.getTime() + Math.floor(random() * 27) * DAY + 9 * 3_600_000);
        const days = 2 + Math.floor(random() * random() * 40);
        const expectedAt = new Date(startedAt.getTime() + 20 * DAY);
        const completedAt = new Date(startedAt.getTime() + days * DAY);
        const id = randomUUID();
        applications++;
        facts.push({
          application_id: id,
          number: `D${startedAt.getUTCFullYear()}-${String(applications).padStart(6, '0')}`,
          service_id: service.id,
          institution_id: service.institutionId,
          applicant: 'demo',
          submitted_by: null,
          started_at: startedAt,
          expected_at: expectedAt,
          completed_at: completedAt,
          completed_code: random() < 0.1 ? 'rejected' : 'decided',
          last_event_at: completedAt,
        });
        if (random() < 0.35) {
          ratings.push({
            application_id: id,
            service_id: service.id,
            institution_id: service.institutionId,
            score: days > 20 ? 1 + Math.floor(random() * 3) : 3 + Math.floor(random() * 3),
            ease: random() < 0.7 ? ('easy' as const) : ('hard' as const),
            comment: RATING_COMMENTS[Math.floor(random() * RATING_COMMENTS.length)] ?? null,
            created_at: new Date(completedAt.getTime() + DAY),
          });
        }
        if (random() < 0.5) {
          const useful = random() < 0.75;
          feedback.push({
            path: `/services/${service.slug}`,
            lang: random() < 0.85 ? ('lv' as const) : ('en' as const),
            device: random() < 0.55 ? ('mobile' as const) : random() < 0.2 ? ('tablet' as const) : ('desktop' as const),
            day: startedAt.toISOString().slice(0, 10),
            useful,
            comment: !useful && random() < 0.5 ? (COMMENTS[Math.floor(random() * COMMENTS.length)] ?? null) : null,
            comment_key: null,
            service_id: service.id,
            institution_id: service.institutionId,
          });
        }
      }
    }
    await db.insertInto('participation.application_facts').values(facts).execute();
    if (ratings.length > 0) await db.insertInto('participation.ratings').values(ratings).execute();
    if (feedback.length > 0) await db.insertInto('participation.page_feedback').values(feedback).execute();
    if (services === 1) {
      await ideas
        .insertInto('participation.ideas')
        .values([
          { service_id: service.id, institution_id: service.institutionId, author: '230390-11113', title: 'Atgādinājums par pabalsta izmaksu', body: 'Būtu ērti saņemt paziņojumu dienā, kad pabalsts ir izmaksāts.', supporters: 3, created_at: new Date(now.getTime() - 40 * DAY), state: 'planned', state_reason: 'Ieviesīsim kopā ar jaunajiem paziņojumiem nākamajā ceturksnī.', state_changed_at: new Date(now.getTime() - 10 * DAY) },
          { service_id: service.id, institution_id: service.institutionId, author: '081275-05556', title: 'Pieteikums arī angļu valodā', body: 'Veidlapa angļu valodā palīdzētu ārzemniekiem, kas strādā Latvijā.', supporters: 1, created_at: new Date(now.getTime() - 12 * DAY), state_reason: null, state_changed_at: null },
        ])
        .execute();
    }
  }
  return { services, applications };
}
