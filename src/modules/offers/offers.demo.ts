/**
 * Demo offer rules over the demo catalog: a registered birth offers the
 * child-birth benefit (VSAA) to the parent who registered it; registering as a
 * self-employed person (VID) offers the micro-enterprise tax status, a business
 * event; and any service newly published in a life or business event is
 * offered to that event's subscribers.
 */
import type { CatalogService } from '../catalog/index.js';
import type { OffersService } from './offers.service.js';

const STATUS_RULES = [
  { code: 'birth-registered-child-benefit', source: 'dzimsanas-registracija', status: 'decided', offer: 'berna-piedzimsanas-pabalsts' },
  { code: 'self-employed-micro-enterprise-tax', source: 'registracija-par-saimnieciskas-darbibas-veiceju', status: 'decided', offer: 'mikrouznemumu-nodokla-maksataja-statusa-iegusana' },
] as const;

export async function loadOffersDemo(offers: OffersService, catalog: Pick<CatalogService, 'lookup'>): Promise<{ rules: number }> {
  let rules = 0;
  for (const rule of STATUS_RULES) {
    const [source, offer] = await Promise.all([catalog.lookup(rule.source), catalog.lookup(rule.offer)]);
    // A catalog without these services (edited demo data) simply has no such rule.
    if (source.kind === 'missing' || offer.kind === 'missing') continue;
    await offers.defineRule({ code: rule.code, trigger: 'status_reached', sourceServiceId: source.service.id, statusCode: rule.status, offerServiceId: offer.service.id });
    rules++;
  }
  await offers.defineRule({ code: 'new-service-in-my-events', trigger: 'service_published', eventCode: null });
  return { rules: rules + 1 };
}
