/** Service content for tests and benches: what the caller names, and empty or minimal values for the rest. */
import type { ServiceContent } from './catalog.schemas.js';

export function serviceContent(overrides: Partial<ServiceContent> & Pick<ServiceContent, 'title'>): ServiceContent {
  return {
    description: { lv: 'Apraksts.', en: 'Description.' },
    audience: ['citizen'],
    events: [],
    channels: [],
    costs: [],
    requirements: [],
    evidence: [],
    outputs: [],
    steps: [],
    legalBasis: [],
    languages: ['lv'],
    ...overrides,
  };
}
