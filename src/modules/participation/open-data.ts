/**
 * The performance figures as open data: the JSON reply with its DCAT-AP-style
 * description (title, description, publisher, licence, temporal coverage,
 * distributions) and the addresses of its JSON and CSV forms, which carry the
 * same figures (performance.ts writes the CSV).
 */
import type { Institution, Service } from '../catalog/index.js';
import { informationQuality } from './information-quality.js';
import type { PerformanceReply } from './participation.schemas.js';
import { SUPPRESS_BELOW, type Performance } from './performance.js';

export const LICENCE = 'https://creativecommons.org/licenses/by/4.0/';

/** The stable addresses of a service's or an institution's figures (JSON; CSV adds `.csv`). */
export const servicePerformanceUrl = (slug: string): string => `/api/v1/participation/services/${slug}/performance`;
export const institutionPerformanceUrl = (code: string): string => `/api/v1/participation/institutions/${code}/performance`;
/** The national overview's figures: every institution's services together. */
export const NATIONAL_PERFORMANCE_URL = '/api/v1/participation/performance';
/** Who publishes the national overview: the platform itself. */
const PLATFORM_PUBLISHER = { code: 'platform', name: { lv: 'Valsts pakalpojumu platforma', en: 'The public-service platform' } };

const lastDay = (month: string): string => {
  const [year, m] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(year, m, 0)).toISOString().slice(0, 10);
};

function describe(
  kind: 'service' | 'institution' | 'national',
  subject: { id: string; code: string; name: { lv: string; en: string } },
  publisher: Pick<Institution, 'code' | 'name'>,
  performance: Performance,
  url: string,
  publicUrl: string,
  now: Date,
): PerformanceReply {
  const base = publicUrl.replace(/\/$/, '');
  return {
    dataset: {
      '@type': 'dcat:Dataset',
      identifier: `${base}${url}`,
      title:
        kind === 'service'
          ? { lv: `Pakalpojuma “${subject.name.lv}” darbības rādītāji`, en: `Performance of the service “${subject.name.en}”` }
          : kind === 'institution'
            ? { lv: `Iestādes “${subject.name.lv}” pakalpojumu darbības rādītāji`, en: `Performance of the services of “${subject.name.en}”` }
            : { lv: 'Visu valsts pakalpojumu darbības rādītāji', en: 'Performance of all public services' },
      description: {
        lv: `Pieteikumi pa mēnešiem, izskatīti līdz paredzētajam datumam, izskatīšanas laika mediāna un 90. procentile, lietotāju vērtējumi un atsauksmes par lapām. Skaitļi no 1 līdz ${SUPPRESS_BELOW - 1} netiek rādīti.`,
        en: `Applications per month, decided by the expected date, median and 90th-percentile processing time, users' ratings and page feedback. Counts from 1 to ${SUPPRESS_BELOW - 1} are suppressed.`,
      },
      publisher: { name: publisher.name, identifier: publisher.code },
      license: LICENCE,
      temporal: performance.coverage ? { startDate: `${performance.coverage.start}-01`, endDate: lastDay(performance.coverage.end) } : null,
      modified: now.toISOString(),
      distribution: [
        { mediaType: 'application/json', accessURL: `${base}${url}` },
        { mediaType: 'text/csv', accessURL: `${base}${url}.csv` },
      ],
      conformsTo: `${base}/openapi.json`,
    },
    subject: { kind, ...subject },
    suppressBelow: SUPPRESS_BELOW,
    months: performance.months,
    total: performance.total,
  };
}

export function serviceOpenData(service: Service, institution: Institution, performance: Performance, publicUrl: string, now: Date): PerformanceReply {
  return { ...describe('service', { id: service.id, code: service.slug, name: service.title }, institution, performance, servicePerformanceUrl(service.slug), publicUrl, now), informationQuality: informationQuality(service) };
}

export function institutionOpenData(institution: Institution, performance: Performance, publicUrl: string, now: Date): PerformanceReply {
  return describe('institution', { id: institution.id, code: institution.code, name: institution.name }, institution, performance, institutionPerformanceUrl(institution.code), publicUrl, now);
}

export function nationalOpenData(performance: Performance, publicUrl: string, now: Date): PerformanceReply {
  return describe('national', { id: 'lv', code: 'lv', name: { lv: 'Latvija', en: 'Latvia' } }, PLATFORM_PUBLISHER, performance, NATIONAL_PERFORMANCE_URL, publicUrl, now);
}
