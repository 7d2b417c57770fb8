/**
 * Asking the state registers for what a form needs (once only): one call
 * reads every source a form names from the registers behind them, turns the
 * records into values and choices, and writes one audit entry per register
 * asked — so the person finds each query in their data-access log.
 */
import type { AuditService } from '../audit/index.js';
import type { CompanyRecord, PersonRecord, PropertyRecord, StateRegisters, VehicleRecord } from './registers.adapters.js';
import { REGISTER_NAMES, sourceInfo, type RegisterName, type RegisterSource, type Text } from './registers.sources.js';

export interface RegisterChoice {
  value: string;
  label: Text;
}

export type RegisterAnswer =
  | { source: RegisterSource; register: RegisterName; registerName: Text; kind: 'value'; value: string }
  | { source: RegisterSource; register: RegisterName; registerName: Text; kind: 'choices'; options: RegisterChoice[] };

/** What the registers answered, by source; a source they hold nothing for is absent. */
export type RegisterAnswers = Partial<Record<RegisterSource, RegisterAnswer>>;

export interface RegisterQuery {
  /** whose data: a personal code (DDMMYY-NNNNN) or a registration number (11 digits) */
  subject: string;
  sources: readonly RegisterSource[];
  /** who asked for it (an audit actor, e.g. person:150685-12347), for the trail */
  requestedBy: string;
  /** why, for the trail: e.g. service:<id> */
  purpose: string;
}

export interface RegistersService {
  query(query: RegisterQuery): Promise<RegisterAnswers>;
}

/** The actor of register queries in the audit trail: the platform asks on the service's behalf. */
export const REGISTERS_ACTOR = 'platform:registers';

const isCompany = (subject: string): boolean => /^\d{11}$/.test(subject);

interface Records {
  person?: PersonRecord | undefined;
  company?: CompanyRecord | undefined;
  vehicles?: VehicleRecord[];
  property?: PropertyRecord[];
}

async function read(registers: StateRegisters, register: RegisterName, subject: string, into: Records): Promise<void> {
  const company = isCompany(subject);
  if (register === 'population' && !company) into.person = await registers.population.person(subject);
  else if (register === 'companies' && company) into.company = await registers.companies.company(subject);
  else if (register === 'vehicles') into.vehicles = await registers.vehicles.ownedBy(subject);
  else if (register === 'property') into.property = await registers.property.ownedBy(subject);
}

const same = (text: string): Text => ({ lv: text, en: text });

const PROPERTY_KINDS: Record<PropertyRecord['kind'], Text> = {
  apartment: { lv: 'Dzīvoklis', en: 'Apartment' },
  house: { lv: 'Māja', en: 'House' },
  land: { lv: 'Zeme', en: 'Land' },
  building: { lv: 'Būve', en: 'Building' },
};

function answerOf(source: RegisterSource, records: Records): { value: string } | { options: RegisterChoice[] } | undefined {
  const { person, company } = records;
  switch (source) {
    case 'population.name':
      return person ? { value: `${person.givenName} ${person.familyName}` } : undefined;
    case 'population.birthDate':
      return person ? { value: person.birthDate } : undefined;
    case 'population.address':
      return person?.declaredAddress ? { value: person.declaredAddress } : undefined;
    case 'population.children':
      return person ? { options: person.children.map((child) => ({ value: child.personalCode, label: same(`${child.givenName} ${child.familyName}, ${child.personalCode}`) })) } : undefined;
    case 'companies.name':
      return company ? { value: company.name } : undefined;
    case 'companies.address':
      return company ? { value: company.legalAddress } : undefined;
    case 'companies.board':
      return company ? { value: company.board.map((member) => `${member.name} (${member.position})`).join('; ') } : undefined;
    case 'vehicles.owned':
      return records.vehicles ? { options: records.vehicles.map((vehicle) => ({ value: vehicle.plate, label: same(`${vehicle.make} ${vehicle.model} (${vehicle.year}), ${vehicle.plate}`) })) } : undefined;
    case 'property.owned':
      return records.property
        ? {
            options: records.property.map((item) => ({
              value: item.cadastralNumber,
              label: {
                lv: `${PROPERTY_KINDS[item.kind].lv}, ${item.address} (kadastra Nr. ${item.cadastralNumber}, daļa ${item.share})`,
                en: `${PROPERTY_KINDS[item.kind].en}, ${item.address} (cadastral no. ${item.cadastralNumber}, share ${item.share})`,
              },
            })),
          }
        : undefined;
  }
}

export function createRegistersService(registers: StateRegisters, audit: Pick<AuditService, 'record'>): RegistersService {
  return {
    async query({ subject, sources, requestedBy, purpose }) {
      const wanted = [...new Set(sources)];
      const byRegister = new Map<RegisterName, RegisterSource[]>();
      for (const source of wanted) {
        const { register } = sourceInfo(source);
        byRegister.set(register, [...(byRegister.get(register) ?? []), source]);
      }
      const records: Records = {};
      for (const [register, asked] of byRegister) {
        let failed = false;
        try {
          await read(registers, register, subject, records);
        } catch {
          // An unreachable register is like one that holds nothing: the person types the value.
          failed = true;
        }
        await audit.record({ actor: REGISTERS_ACTOR, action: `registers.${register}_read`, target: `party:${subject}`, details: { sources: asked, purpose, requestedBy, ...(failed ? { failed } : {}) } });
      }
      const answers: RegisterAnswers = {};
      for (const source of wanted) {
        const found = answerOf(source, records);
        if (!found) continue;
        const { register } = sourceInfo(source);
        const base = { source, register, registerName: REGISTER_NAMES[register] };
        answers[source] = 'value' in found ? { ...base, kind: 'value', value: found.value } : { ...base, kind: 'choices', options: found.options };
      }
      return answers;
    },
  };
}
