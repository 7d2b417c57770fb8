/**
 * Information quality of a service (P14; Regulation (EU) 2018/1724 Art. 10):
 * the nine things a service's information must give, checked against the
 * register's record. Where the register has a field (steps, evidence, fees,
 * deadlines, languages, the competent authority) the field decides; where it
 * has none (means of authentication, redress, what silence means) the texts of
 * the record are searched for the words that give it, in Latvian or English.
 */
import type { Service } from '../catalog/index.js';

export const QUALITY_ITEMS = ['steps', 'authority', 'authentication', 'evidence', 'redress', 'fees', 'deadlines', 'silence', 'languages'] as const;
export type QualityItem = (typeof QUALITY_ITEMS)[number];

export interface InformationQuality {
  score: number;
  max: number;
  missing: QualityItem[];
}

const AUTHENTICATION = /autentific|autentifik|eid|eparaksts|e-paraksts|internetbank|identificē|identific|authenticat|sign in|pieslēdz/i;
const REDRESS = /apstrīd|pārsūdz|sūdzīb|administratīvaj[āa] ties|appeal|redress|challenge|complain/i;
const SILENCE = /klusēšan|ja atbilde netiek|netiek sniegta atbilde|silence|no answer within|no reply within/i;

function texts(service: Service): string {
  const parts: string[] = [service.description.lv, service.description.en];
  for (const item of [...service.steps, ...service.requirements, ...service.evidence, ...service.outputs]) {
    parts.push(item.name.lv, item.name.en, item.description?.lv ?? '', item.description?.en ?? '');
  }
  for (const channel of service.channels) parts.push(channel.description?.lv ?? '', channel.description?.en ?? '');
  for (const law of service.legalBasis) parts.push(law.title.lv, law.title.en);
  return parts.join('\n');
}

export function informationQuality(service: Service): InformationQuality {
  const text = texts(service);
  const given: Record<QualityItem, boolean> = {
    steps: service.steps.length > 0,
    authority: service.institutionId !== '',
    authentication: AUTHENTICATION.test(text),
    evidence: service.evidence.length > 0 || service.requirements.length > 0,
    redress: REDRESS.test(text),
    // No costs recorded means the service is free, which the service's page says.
    fees: true,
    deadlines: service.processingTime !== undefined || service.channels.some((channel) => channel.processingTime !== undefined),
    silence: SILENCE.test(text),
    languages: service.languages.length > 0,
  };
  const missing = QUALITY_ITEMS.filter((item) => !given[item]);
  return { score: QUALITY_ITEMS.length - missing.length, max: QUALITY_ITEMS.length, missing };
}
